using AutoScale.Testing;
using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

/// <summary>Runs an encoder over samples held in memory.</summary>
internal static class Encode
{
    /// <summary>The size of the pieces of a <see cref="Delivery.Streamed"/> file: a sentence's audio.</summary>
    private const double StreamedPieceSeconds = 2.5;

    public static AudioEncoderOptions Reproducible { get; } = new() { OggSerialNumber = 0x5EED };

    /// <summary>Encodes <paramref name="samples"/> in writes of <paramref name="writeSizes"/> (cycled; all at once when empty).</summary>
    public static async Task<byte[]> ToBytesAsync(
        AudioFormat format,
        int sampleRate,
        ReadOnlyMemory<short> samples,
        long? totalSamples = null,
        AudioEncoderOptions? options = null,
        bool seekable = true,
        int? outputSampleRate = null,
        bool flushEachWrite = false,
        params int[] writeSizes)
    {
        using var buffer = new MemoryStream();
        Stream output = seekable ? buffer : new ForwardOnlyStream(buffer);
        await using (var encoder = AudioEncoders.Create(format, sampleRate, output, totalSamples, options, outputSampleRate))
        {
            for (var i = 0; !samples.IsEmpty; i++)
            {
                var size = writeSizes.Length == 0 ? samples.Length : Math.Min(writeSizes[i % writeSizes.Length], samples.Length);
                await encoder.WriteAsync(samples[..size]);
                samples = samples[size..];
                if (flushEachWrite)
                {
                    await encoder.FlushAsync();
                }
            }

            await encoder.CompleteAsync();
        }

        return buffer.ToArray();
    }

    /// <summary>Encodes <paramref name="samples"/> the way the gateway does for <paramref name="delivery"/>.</summary>
    public static Task<byte[]> AsDeliveredAsync(
        AudioFormat format, int sampleRate, ReadOnlyMemory<short> samples, Delivery delivery, int? outputSampleRate = null) =>
        delivery == Delivery.Finished
            ? ToBytesAsync(format, sampleRate, samples, samples.Length, Reproducible, seekable: true, outputSampleRate)
            : ToBytesAsync(
                format, sampleRate, samples, null, Reproducible, seekable: false, outputSampleRate, flushEachWrite: true,
                (int)(sampleRate * StreamedPieceSeconds));

    /// <summary>Writes <paramref name="file"/> to a temporary file with the format's extension.</summary>
    public static async Task<TemporaryFile> ToFileAsync(AudioFormat format, byte[] file)
    {
        var path = new TemporaryFile(format.FileExtension);
        await File.WriteAllBytesAsync(path.Path, file);
        return path;
    }
}
