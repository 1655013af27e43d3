using AutoScale.Engines.Kokoro.Weights;
using AutoScale.Testing;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

public sealed class VoicePackTests
{
    [SharedDataFact("kokoro-voice-af_heart.pt")]
    public void The_shipped_af_heart_voice_loads_as_a_510_by_1_by_256_float_table_with_plausible_values()
    {
        using var scope = NewDisposeScope();
        using var voice = VoicePack.Load(SharedData.PathOf("kokoro-voice-af_heart.pt"));

        var styles = voice.Styles;
        var mean = styles.mean().item<float>();
        var std = styles.std().item<float>();
        var rowSpread = (styles[0] - styles[509]).abs().max().item<float>();
        var stats = $"mean {mean}, std {std}, max |row0 - row509| {rowSpread}";

        Assert.Equal("kokoro-voice-af_heart", voice.Name);
        Assert.Equal([510L, 1L, 256L], styles.shape);
        Assert.Equal(ScalarType.Float32, styles.dtype);
        Assert.True(styles.isfinite().all().item<bool>(), "non-finite values; " + stats);
        Assert.True(Math.Abs(mean) < 0.1, stats);
        Assert.True(std is > 0.05f and < 1f, stats);
        Assert.True(rowSpread > 1e-3, "the rows are all alike; " + stats);
        Assert.Equal([1L, 256L], voice.StyleFor(12).shape);
    }

    [Fact]
    public void A_blend_adds_the_voices_weighted_by_their_shares()
    {
        using var scope = NewDisposeScope();
        using var a = VoicePack.FromTensor("a", randn(510, 1, 256));
        using var b = VoicePack.FromTensor("b", randn(510, 1, 256));

        using var blend = VoicePack.Blend("a(0.75)+b(0.25)", [(a, 0.75), (b, 0.25)]);

        Assert.Equal("a(0.75)+b(0.25)", blend.Name);
        Assert.True(allclose(blend.Styles, (a.Styles * 0.75) + (b.Styles * 0.25), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_saved_voice_reads_back_bit_exactly()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"voice-{Guid.NewGuid():N}.pt");
        using var voice = VoicePack.FromTensor("x", randn(510, 1, 256));
        try
        {
            voice.Save(path);
            using var loaded = VoicePack.Load(path);

            Assert.True(Bits.Equal(loaded.Styles, voice.Styles));
            Assert.Equal(Path.GetFileNameWithoutExtension(path), loaded.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_voice_file_of_the_wrong_shape_is_refused_naming_both_shapes()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<InvalidDataException>(() => VoicePack.Load(TensorFile(randn(10, 1, 256)), "short"));

        Assert.Contains("Voice 'short' has shape [10,1,256]; a Kokoro voice is [510,1,256]", error.Message);
    }

    [Fact]
    public void A_voice_file_of_doubles_is_refused()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<InvalidDataException>(() => VoicePack.Load(TensorFile(randn(510, 1, 256, ScalarType.Float64)), "wide"));

        Assert.Contains("Voice 'wide' is Float64", error.Message);
    }

    [Fact]
    public void A_voice_file_that_is_not_a_zip_is_refused()
    {
        using var garbage = new MemoryStream(new byte[64]);

        var error = Assert.Throws<InvalidDataException>(() => VoicePack.Load(garbage, "garbage"));

        Assert.Contains("Voice file 'garbage' is not a torch.save zip archive", error.Message);
    }

    private static MemoryStream TensorFile(Tensor tensor)
    {
        var stream = new MemoryStream();
        TorchTensorArchive.Write(stream, "voice", tensor);
        stream.Position = 0;
        return stream;
    }
}
