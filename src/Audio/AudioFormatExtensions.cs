using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AutoScale.Audio;

/// <summary>Wire names, MIME types and file extensions of <see cref="AudioFormat"/>.</summary>
public static class AudioFormatExtensions
{
    private static readonly IReadOnlyList<AudioFormat> _formats = Array.AsReadOnly(
        [AudioFormat.Wav, AudioFormat.Opus, AudioFormat.Pcm, AudioFormat.Mp3, AudioFormat.Flac, AudioFormat.Aac]);

    private static readonly string _wireNames = string.Join(", ", _formats.Select(format => format.WireName));

    extension(AudioFormat format)
    {
        /// <summary>Every format, in declaration order.</summary>
        public static IReadOnlyList<AudioFormat> All => _formats;

        /// <summary>The name clients use: <c>wav</c>, <c>opus</c>, <c>pcm</c>, <c>mp3</c>, <c>flac</c>, <c>aac</c>.</summary>
        public string WireName => format switch
        {
            AudioFormat.Wav => "wav",
            AudioFormat.Opus => "opus",
            AudioFormat.Pcm => "pcm",
            AudioFormat.Mp3 => "mp3",
            AudioFormat.Flac => "flac",
            AudioFormat.Aac => "aac",
            _ => throw Unknown(format),
        };

        /// <summary>The file extension, with its dot.</summary>
        public string FileExtension => format switch
        {
            AudioFormat.Wav => ".wav",
            AudioFormat.Opus => ".opus",
            AudioFormat.Pcm => ".pcm",
            AudioFormat.Mp3 => ".mp3",
            AudioFormat.Flac => ".flac",
            AudioFormat.Aac => ".aac",
            _ => throw Unknown(format),
        };

        /// <summary>
        /// Whether the encoded length is known from the sample count alone, so that the file can be served with
        /// Content-Length and byte ranges (<see cref="VirtualAudioFile"/>). Only the uncompressed formats: Opus is
        /// variable-bitrate, FLAC's frames depend on the samples, and MP3 and AAC, constant-bitrate as they are, pad
        /// their frames and depend on their encoder's delay.
        /// </summary>
        public bool HasExactLength => format is AudioFormat.Wav or AudioFormat.Pcm;

        /// <summary>
        /// The MIME type for audio at <paramref name="sampleRate"/> Hz. Raw PCM is <c>audio/pcm</c> with its rate and
        /// channels, not <c>audio/L16</c>: L16 is big-endian (RFC 2586) and these samples are little-endian. AAC is
        /// <c>audio/aac</c>, the type of bare ADTS frames (<c>audio/mp4</c> would be the MP4 container).
        /// </summary>
        public string ContentType(int sampleRate) => format switch
        {
            AudioFormat.Wav => "audio/wav",
            AudioFormat.Opus => "audio/ogg; codecs=opus",
            AudioFormat.Pcm => string.Create(CultureInfo.InvariantCulture, $"audio/pcm;rate={sampleRate};channels=1"),
            AudioFormat.Mp3 => "audio/mpeg",
            AudioFormat.Flac => "audio/flac",
            AudioFormat.Aac => "audio/aac",
            _ => throw Unknown(format),
        };

        /// <summary>Parses a wire name (case-insensitive).</summary>
        /// <exception cref="FormatException">It is none of them.</exception>
        public static AudioFormat Parse(string name) =>
            TryParse(name, out var result)
                ? result
                : throw new FormatException($"'{name}' is not an audio format; expected one of {_wireNames}.");

        /// <summary>Parses a wire name (case-insensitive).</summary>
        public static bool TryParse([NotNullWhen(true)] string? name, out AudioFormat result)
        {
            foreach (var candidate in AudioFormat.All)
            {
                if (string.Equals(name, candidate.WireName, StringComparison.OrdinalIgnoreCase))
                {
                    result = candidate;
                    return true;
                }
            }

            result = default;
            return false;
        }
    }

    private static ArgumentOutOfRangeException Unknown(AudioFormat format) =>
        new(nameof(format), format, "Not an audio format.");
}
