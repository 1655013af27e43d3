using Microsoft.Extensions.Logging;

namespace AutoScale.Engines.ESpeak;

public sealed partial class ESpeakEngine
{
    [LoggerMessage(Level = LogLevel.Information, Message = "eSpeak NG {Version} initialised from {DataPath}: {SampleRate} Hz, {VoiceCount} voice ids")]
    private static partial void LogInitialised(ILogger logger, string version, string dataPath, int sampleRate, int voiceCount);
}
