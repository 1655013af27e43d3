namespace AutoScale.Audio;

/// <summary>
/// A format or the resampler needs a native library or a program that is not installed on this machine; the message
/// is one sentence naming the Debian package that brings it.
/// </summary>
public sealed class AudioCodecUnavailableException(string message) : InvalidOperationException(message);
