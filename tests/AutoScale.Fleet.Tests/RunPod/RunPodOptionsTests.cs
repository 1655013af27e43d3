using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.Tests.RunPod;

public sealed class RunPodOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddRunPodFleet(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void Without_settings_beyond_the_key_the_documented_defaults_apply()
    {
        using var services = Services(new() { ["RunPod:ApiKey"] = "rpa_x" });

        var options = services.GetRequiredService<IOptions<RunPodOptions>>().Value;

        Assert.Equal("https://api.runpod.io", options.BaseUrl);
        Assert.Equal(["NVIDIA GeForce RTX 4090", "NVIDIA RTX A5000", "NVIDIA L4"], options.GpuTypeIds);
        Assert.Empty(options.DataCenterIds);
        Assert.Equal("SECURE", options.Cloud);
        Assert.Equal(20, options.ContainerDiskGb);
        Assert.False(options.GlobalNetworking);
        Assert.Equal("/models", options.MountPath);
        Assert.Equal("autoscale-", options.NamePrefix);
        Assert.Null(options.MinCudaVersion);
    }

    [Fact]
    public void Configured_gpu_types_replace_the_default_list_rather_than_extend_it()
    {
        using var services = Services(new() { ["RunPod:ApiKey"] = "rpa_x", ["RunPod:GpuTypeIds:0"] = "NVIDIA L40S" });

        Assert.Equal(["NVIDIA L40S"], services.GetRequiredService<IOptions<RunPodOptions>>().Value.GpuTypeIds);
    }

    [Theory]
    [InlineData("RunPod:ApiKey", "")]
    [InlineData("RunPod:Cloud", "ANY")]
    [InlineData("RunPod:NamePrefix", "")]
    [InlineData("RunPod:MinCudaVersion", "12")]
    [InlineData("RunPod:BaseUrl", "not a url")]
    [InlineData("RunPod:AttemptTimeoutSeconds", "120")]
    public void A_bad_setting_fails_at_start_up(string key, string value)
    {
        using var services = Services(new() { ["RunPod:ApiKey"] = "rpa_x", [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':')[1], exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_gives_one_runpod_provider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RunPod:ApiKey"] = "rpa_x" }).Build();
        using var services = new ServiceCollection().AddLogging().AddRunPodFleet(configuration).AddRunPodFleet(configuration).BuildServiceProvider();

        var provider = Assert.Single(services.GetServices<IFleetProvider>());
        Assert.Equal("runpod", provider.Name);
    }
}
