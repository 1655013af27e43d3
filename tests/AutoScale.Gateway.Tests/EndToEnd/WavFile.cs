using System.Buffers.Binary;
using System.Text;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>Reads what a test needs of a PCM WAV file.</summary>
public sealed record WavFile(int SampleRate, int Channels, int BitsPerSample, long Samples)
{
    public double Seconds => (double)Samples / SampleRate;

    public static WavFile Parse(byte[] bytes)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        var position = 12;
        int sampleRate = 0, channels = 0, bits = 0;
        while (position + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 10));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 22));
            }
            else if (id == "data")
            {
                Assert.Equal(bytes.Length - position - 8, (long)size);
                return new WavFile(sampleRate, channels, bits, size / (bits / 8) / channels);
            }

            position += 8 + (int)size;
        }

        throw new InvalidDataException("No data chunk.");
    }
}
