using AutoScale.Engines.Kokoro.Model;
using static TorchSharp.torch;
using Generator = AutoScale.Engines.Kokoro.Model.Decoder.Generator;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

public sealed class OfficialSizeTests
{
    private const long Style = 128;

    [Fact]
    public void The_generator_has_the_checkpoint_names_and_shapes_and_19_667_510_parameters()
    {
        using var scope = NewDisposeScope();
        var shapes = Shapes(new Generator(new KokoroConfig()));
        var expected = new Dictionary<string, long[]>();
        AddGenerator(expected, "");

        Assert.Equal([512L, 256, 20], shapes["ups.0.weight_v"]);
        Assert.Equal([512L, 1, 1], shapes["ups.0.weight_g"]);
        ShapeAssert.Shapes(expected, shapes);
        ShapeAssert.Count(19_667_510, 19.6e6, shapes);
    }

    [Fact]
    public void The_decoder_has_the_checkpoint_names_and_shapes_and_53_276_190_parameters()
    {
        using var scope = NewDisposeScope();
        var shapes = Shapes(new Model.Decoder.Decoder(new KokoroConfig()));
        var expected = new Dictionary<string, long[]>();
        AddBlock(expected, "encode", 514, 1024, upsample: false);
        for (var i = 0; i < 3; i++)
        {
            AddBlock(expected, $"decode.{i}", 1090, 1024, upsample: false);
        }
        AddBlock(expected, "decode.3", 1090, 512, upsample: true);
        foreach (var conv in new[] { "F0_conv", "N_conv" })
        {
            AddWeightNorm(expected, conv, [1, 1, 3], bias: true);
        }
        AddWeightNorm(expected, "asr_res.0", [64, 512, 1], bias: true);
        AddGenerator(expected, "generator.");

        Assert.Equal([512L, 256, 20], shapes["generator.ups.0.weight_v"]);
        Assert.Equal([1L, 9], shapes["generator.m_source.l_linear.weight"]);
        ShapeAssert.Shapes(expected, shapes);
        ShapeAssert.Count(53_276_190, 53e6, shapes);
    }

    private static Dictionary<string, long[]> Shapes(nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

    private static void AddGenerator(Dictionary<string, long[]> expected, string prefix)
    {
        expected[$"{prefix}m_source.l_linear.weight"] = [1, 9];
        expected[$"{prefix}m_source.l_linear.bias"] = [1];
        expected[$"{prefix}noise_convs.0.weight"] = [256, 22, 12];
        expected[$"{prefix}noise_convs.0.bias"] = [256];
        expected[$"{prefix}noise_convs.1.weight"] = [128, 22, 1];
        expected[$"{prefix}noise_convs.1.bias"] = [128];
        AddResBlock(expected, $"{prefix}noise_res.0", 256, 7);
        AddResBlock(expected, $"{prefix}noise_res.1", 128, 11);
        AddWeightNorm(expected, $"{prefix}ups.0", [512, 256, 20], bias: true, normChannels: 512, biasChannels: 256);
        AddWeightNorm(expected, $"{prefix}ups.1", [256, 128, 12], bias: true, normChannels: 256, biasChannels: 128);
        long[] kernels = [3, 7, 11];
        for (var i = 0; i < 6; i++)
        {
            AddResBlock(expected, $"{prefix}resblocks.{i}", i < 3 ? 256 : 128, kernels[i % 3]);
        }
        AddWeightNorm(expected, $"{prefix}conv_post", [22, 128, 7], bias: true);
    }

    private static void AddResBlock(Dictionary<string, long[]> expected, string prefix, long channels, long kernel)
    {
        for (var i = 0; i < 3; i++)
        {
            AddWeightNorm(expected, $"{prefix}.convs1.{i}", [channels, channels, kernel], bias: true);
            AddWeightNorm(expected, $"{prefix}.convs2.{i}", [channels, channels, kernel], bias: true);
            AddAdaIn(expected, $"{prefix}.adain1.{i}", channels);
            AddAdaIn(expected, $"{prefix}.adain2.{i}", channels);
            expected[$"{prefix}.alpha1.{i}"] = [1, channels, 1];
            expected[$"{prefix}.alpha2.{i}"] = [1, channels, 1];
        }
    }

    private static void AddBlock(Dictionary<string, long[]> expected, string prefix, long dimIn, long dimOut, bool upsample)
    {
        AddWeightNorm(expected, $"{prefix}.conv1", [dimOut, dimIn, 3], bias: true);
        AddWeightNorm(expected, $"{prefix}.conv2", [dimOut, dimOut, 3], bias: true);
        AddAdaIn(expected, $"{prefix}.norm1", dimIn);
        AddAdaIn(expected, $"{prefix}.norm2", dimOut);
        AddWeightNorm(expected, $"{prefix}.conv1x1", [dimOut, dimIn, 1], bias: false);
        if (upsample)
        {
            AddWeightNorm(expected, $"{prefix}.pool", [dimIn, 1, 3], bias: true, biasChannels: dimIn);
        }
    }

    private static void AddAdaIn(Dictionary<string, long[]> expected, string prefix, long channels)
    {
        expected[$"{prefix}.fc.weight"] = [2 * channels, Style];
        expected[$"{prefix}.fc.bias"] = [2 * channels];
    }

    private static void AddWeightNorm(Dictionary<string, long[]> expected, string prefix, long[] v, bool bias, long? normChannels = null, long? biasChannels = null)
    {
        expected[$"{prefix}.weight_v"] = v;
        expected[$"{prefix}.weight_g"] = [normChannels ?? v[0], 1, 1];
        if (bias)
        {
            expected[$"{prefix}.bias"] = [biasChannels ?? v[0]];
        }
    }
}
