using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AutoScale.Audio;

/// <summary>Wire names, MIME types and file extensions of <see cref="AudioFormat"/>.</summary>
public static class AudioFormatExtensions
{
    private static readonly IReadOnlyList<AudioFormat> _formats = Array.AsReadOnly([AudioFormat.Wav, AudioFormat.Opus, AudioFormat.Pcm]);

    extension(AudioFormat format)
    {
        /// <summary>Every format, in wire-name order.</summary>
        public static IReadOnlyList<AudioFormat> All => _formats;

        /// <summary>The name clients use: <c>wav</c>, <c>opus</c>, <c>pcm</c>.</summary>
        public string WireName => format switch
        {
            AudioFormat.Wav => "wav",
            AudioFormat.Opus => "opus",
            AudioFormat.Pcm => "pcm",
            _ => throw Unknown(format),
        };

        /// <summary>The file extension, with its dot.</summary>
        public string FileExtension => format switch
        {
            AudioFormat.Wav => ".wav",
            AudioFormat.Opus => ".opus",
            AudioFormat.Pcm => ".pcm",
            _ => throw Unknown(format),
        };

        /// <summary>
        /// Whether the encoded length is known from the sample count alone, so that the file can be served with
        /// Content-Length and byte ranges (<see cref="VirtualAudioFile"/>). Opus is variable-bitrate: no.
        /// </summary>
        public bool HasExactLength => format is AudioFormat.Wav or AudioFormat.Pcm;

        /// <summary>
        /// The MIME type for audio at <paramref name="sampleRate"/> Hz. Raw PCM is <c>audio/pcm</c> with its rate and
        /// channels, not <c>audio/L16</c>: L16 is big-endian (RFC 2586) and these samples are little-endian.
        /// </summary>
        public string ContentType(int sampleRate) => format switch
        {
            AudioFormat.Wav => "audio/wav",
            AudioFormat.Opus => "audio/ogg; codecs=opus",
            AudioFormat.Pcm => string.Create(CultureInfo.InvariantCulture, $"audio/pcm;rate={sampleRate};channels=1"),
            _ => throw Unknown(format),
        };

        /// <summary>Parses a wire name (<c>wav</c>, <c>opus</c>, <c>pcm</c>; case-insensitive).</summary>
        /// <exception cref="FormatException">It is none of them.</exception>
        public static AudioFormat Parse(string name) =>
            TryParse(name, out var result)
                ? result
                : throw new FormatException($"'{name}' is not an audio format; expected one of wav, opus, pcm.");

        /// <summary>Parses a wire name (<c>wav</c>, <c>opus</c>, <c>pcm</c>; case-insensitive).</summary>
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
