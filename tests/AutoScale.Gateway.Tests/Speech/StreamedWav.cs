using System.Buffers.Binary;
using System.Text;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>
/// Reads a WAV file that was streamed: its RIFF and data sizes are open-ended (0xFFFFFFFF), so the samples are
/// whatever follows the data chunk's header.
/// </summary>
public sealed record StreamedWav(int SampleRate, int Channels, int BitsPerSample, int DataBytes)
{
    public static StreamedWav Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 44, $"{bytes.Length} bytes are too few for a WAV file");
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        int sampleRate = 0, channels = 0, bits = 0;
        for (var position = 12; position + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            if (id == "fmt ")
            {
                Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 8)));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 10));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 22));
            }
            else if (id == "data")
            {
                return new StreamedWav(sampleRate, channels, bits, bytes.Length - position - 8);
            }

            position += 8 + (int)size;
        }

        throw new InvalidDataException("The WAV file has no data chunk.");
    }
}
