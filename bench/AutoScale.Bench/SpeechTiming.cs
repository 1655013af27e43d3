namespace AutoScale.Bench;

/// <summary>One speech request as a client saw it: first audio byte, last byte, and the bytes of the (WAV) answer.</summary>
public sealed record SpeechTiming(double FirstByteMilliseconds, double TotalMilliseconds, long Bytes)
{
    /// <summary>Seconds of audio in a streamed 16-bit mono WAV of this size (a 44-byte header) at <paramref name="sampleRate"/> Hz.</summary>
    public double AudioSeconds(int sampleRate) => (Bytes - 44) / 2.0 / sampleRate;
}
