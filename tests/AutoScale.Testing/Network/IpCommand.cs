namespace AutoScale.Testing.Network;

/// <summary>The <c>ip</c> program (iproute2), which makes and removes the lab's bridge, namespaces and veth pairs.</summary>
internal static class IpCommand
{
    public static async Task RunAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync("ip", arguments, TimeSpan.FromSeconds(20));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.AllOutput.Trim()}");
        }
    }

    /// <summary>Runs <c>ip</c> for a removal that may find nothing to remove (a leftover already gone).</summary>
    public static async Task TryAsync(params string[] arguments) =>
        await ExternalCommand.RunAsync("ip", arguments, TimeSpan.FromSeconds(20));

    public static async Task<string> OutputAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync("ip", arguments, TimeSpan.FromSeconds(20));
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"ip {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.AllOutput.Trim()}");
    }
}
