using AutoScale.Engines.ESpeak;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Engines.Tests.ESpeak;

/// <summary>The process's one eSpeak NG engine, shared by every test that drives the native library.</summary>
public sealed class ESpeakEngineFixture : IDisposable
{
    public ESpeakEngine Engine { get; } = new(NullLogger<ESpeakEngine>.Instance);

    public void Dispose() => Engine.Dispose();
}
