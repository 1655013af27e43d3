using AutoScale.Testing;

namespace AutoScale.Deployment.Tests;

/// <summary>
/// Runs each CPU Dockerfile's publish command once per test run, as its build stage would: in a copy of the Docker
/// build context (so <c>.dockerignore</c> is exercised too and the checkout's bin/obj, which other test projects run
/// from, are left alone), with the output folder swapped for a temporary one.
/// </summary>
public sealed class PublishedImages : IAsyncLifetime
{
    public const string Gateway = "gateway.Dockerfile";
    public const string CpuWorker = "worker-cpu.Dockerfile";
    public const string GpuWorker = "worker-gpu.Dockerfile";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"autoscale-deployment-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> _outputs = [];

    public string Context => Path.Combine(_root, "context");

    /// <summary>The local folder holding what <paramref name="dockerfile"/>'s build stage publishes to <paramref name="imageOutput"/>.</summary>
    public string Output(string dockerfile, string imageOutput) => _outputs[$"{dockerfile}:{imageOutput}"];

    public static Dockerfile Read(string name) => Dockerfile.Read(Path.Combine(RepositoryLayout.Root, "docker", name));

    public async Task InitializeAsync()
    {
        DockerBuildContext.CopyTo(RepositoryLayout.Root, Context);
        foreach (var name in new[] { Gateway, CpuWorker })
        {
            foreach (var command in PublishCommand.In(Read(name)))
            {
                var output = Path.Combine(_root, "out", name, command.ImageOutput.Trim('/'));
                await PublishAsync(command.WithOutput(output));
                _outputs[$"{name}:{command.ImageOutput}"] = output;
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task PublishAsync(IReadOnlyList<string> arguments)
    {
        // No build servers outliving the test, and none of the test host's MSBuild settings leaking into this build.
        var result = await ExternalCommand.RunAsync("dotnet", arguments, PublishTimeout, Context, new Dictionary<string, string?>
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.AllOutput}");
        }
    }
}
