namespace AutoScale.Grains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class JobClusterCollection : ICollectionFixture<JobClusterFixture>
{
    public const string Name = "job cluster";
}
