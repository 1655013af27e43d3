using System.Diagnostics;
using AutoScale.Fleet.Local;

namespace AutoScale.Fleet.Tests.Local;

/// <summary>Which gateways of a local fleet still run, from the files they keep: real processes, a real folder.</summary>
public sealed class LocalFleetGatewaysTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"autoscale-gateways-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_gateway_leaving_while_another_runs_finds_it_and_the_last_to_leave_finds_none()
    {
        using var other = Process.Start("sleep", "60");
        var gateways = new LocalFleetGateways(_directory);
        gateways.Join(Environment.ProcessId);
        gateways.Join(other.Id);

        Assert.Equal([other.Id], gateways.Leave(Environment.ProcessId));

        other.Kill();
        await other.WaitForExitAsync();
        Assert.Empty(gateways.Leave(Environment.ProcessId));
        Assert.Empty(Directory.EnumerateFiles(_directory)); // the killed gateway's file is cleared on the way
    }

    [Fact]
    public void A_file_whose_process_id_now_belongs_to_another_program_does_not_count()
    {
        var gateways = new LocalFleetGateways(_directory);
        Directory.CreateDirectory(_directory);
        // This test's own process id, recorded with a start time it does not have: the id was reused.
        File.WriteAllText(Path.Combine(_directory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "1");

        Assert.Empty(gateways.Running());
    }

    [Fact]
    public void Fleets_with_different_name_prefixes_keep_their_gateways_apart()
    {
        Assert.NotEqual(LocalFleetGateways.DirectoryFor("autoscale-"), LocalFleetGateways.DirectoryFor("t1234abcd-"));
        Assert.StartsWith(Path.GetTempPath(), LocalFleetGateways.DirectoryFor("a/../b"), StringComparison.Ordinal);
        Assert.DoesNotContain("..", LocalFleetGateways.DirectoryFor("a/../b"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
