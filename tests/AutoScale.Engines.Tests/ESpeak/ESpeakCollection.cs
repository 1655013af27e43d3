namespace AutoScale.Engines.Tests.ESpeak;

[CollectionDefinition(Name)]
public sealed class ESpeakCollection : ICollectionFixture<ESpeakEngineFixture>
{
    public const string Name = "eSpeak NG";
}
