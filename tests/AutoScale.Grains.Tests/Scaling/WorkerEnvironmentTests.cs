using AutoScale.Fleet.Hosting;
using AutoScale.Grains.Scaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Tests.Scaling;

public sealed class WorkerEnvironmentTests
{
    [Fact]
    public void A_worker_talks_to_the_database_through_the_same_pooler_as_the_control_silo()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = "Host=pooler.example;Port=6543;Username=u;Password=p",
                ["Database:Pooler"] = "Transaction",
            })
            .Build();

        var environment = new WorkerEnvironment(configuration, Options.Create(new FleetOptions())).For("w-1", "espeak", 0.36m);

        Assert.Equal("Host=pooler.example;Port=6543;Username=u;Password=p", environment["ConnectionStrings__Postgres"]);
        Assert.Equal("Transaction", environment["Database__Pooler"]);
    }

    [Fact]
    public void A_worker_writes_to_the_same_artifact_store_as_the_gateway()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Artifacts:Store"] = "s3",
                ["Artifacts:S3:Endpoint"] = "https://ref.supabase.co/storage/v1/s3",
                ["Artifacts:S3:AccessKey"] = "key-id",
                ["Artifacts:S3:SecretKey"] = "secret",
            })
            .Build();

        var environment = new WorkerEnvironment(configuration, Options.Create(new FleetOptions())).For("w-1", "espeak", 0.36m);

        Assert.Equal("s3", environment["Artifacts__Store"]);
        Assert.Equal("https://ref.supabase.co/storage/v1/s3", environment["Artifacts__S3__Endpoint"]);
        Assert.Equal("key-id", environment["Artifacts__S3__AccessKey"]);
        Assert.Equal("secret", environment["Artifacts__S3__SecretKey"]);
    }
}
