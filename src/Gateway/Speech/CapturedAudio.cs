using AutoScale.Audio;
using AutoScale.Gateway.Jobs;

namespace AutoScale.Gateway.Speech;

/// <summary>Progressive audio kept in memory rather than sent (a speech answer with timestamps is one JSON body at the end).</summary>
public sealed class CapturedAudio : AudioTarget
{
    private readonly MemoryStream _file = new();

    public AudioFormat Format { get; private set; }

    public int SampleRate { get; private set; }

    public byte[] Bytes => _file.ToArray();

    public override Stream Start(HttpContext context, AudioFormat format, int sampleRate)
    {
        (Format, SampleRate) = (format, sampleRate);
        return _file;
    }
}
