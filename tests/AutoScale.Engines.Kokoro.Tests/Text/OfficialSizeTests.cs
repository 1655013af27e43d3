using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Model.Prosody;
using AutoScale.Engines.Kokoro.Model.Text;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Text;

public sealed class OfficialSizeTests
{
    private static readonly string[] LstmSuffixes =
        ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"];

    [Fact]
    public void Bert_has_the_hugging_face_albert_names_and_shapes_and_6_292_480_parameters()
    {
        using var scope = NewDisposeScope();
        var shapes = Shapes(new CustomAlbert(new KokoroConfig()));
        const string Layer = "encoder.albert_layer_groups.0.albert_layers.0.";
        var expected = new Dictionary<string, long[]>
        {
            ["embeddings.word_embeddings.weight"] = [178, 128],
            ["embeddings.position_embeddings.weight"] = [512, 128],
            ["embeddings.token_type_embeddings.weight"] = [2, 128],
            ["embeddings.LayerNorm.weight"] = [128],
            ["embeddings.LayerNorm.bias"] = [128],
            ["encoder.embedding_hidden_mapping_in.weight"] = [768, 128],
            ["encoder.embedding_hidden_mapping_in.bias"] = [768],
            [Layer + "full_layer_layer_norm.weight"] = [768],
            [Layer + "full_layer_layer_norm.bias"] = [768],
            [Layer + "attention.query.weight"] = [768, 768],
            [Layer + "attention.query.bias"] = [768],
            [Layer + "attention.key.weight"] = [768, 768],
            [Layer + "attention.key.bias"] = [768],
            [Layer + "attention.value.weight"] = [768, 768],
            [Layer + "attention.value.bias"] = [768],
            [Layer + "attention.dense.weight"] = [768, 768],
            [Layer + "attention.dense.bias"] = [768],
            [Layer + "attention.LayerNorm.weight"] = [768],
            [Layer + "attention.LayerNorm.bias"] = [768],
            [Layer + "ffn.weight"] = [2048, 768],
            [Layer + "ffn.bias"] = [2048],
            [Layer + "ffn_output.weight"] = [768, 2048],
            [Layer + "ffn_output.bias"] = [768],
            ["pooler.weight"] = [768, 768],
            ["pooler.bias"] = [768],
        };

        ShapeAssert.Shapes(expected, shapes);
        ShapeAssert.Count(6_292_480, 6.3e6, shapes);
    }

    [Fact]
    public void Text_encoder_has_the_checkpoint_names_and_shapes_and_5_606_400_parameters()
    {
        using var scope = NewDisposeScope();
        var shapes = Shapes(new TextEncoder(new KokoroConfig()));
        var expected = new Dictionary<string, long[]> { ["embedding.weight"] = [178, 512] };
        for (var i = 0; i < 3; i++)
        {
            expected[$"cnn.{i}.0.weight_g"] = [512, 1, 1];
            expected[$"cnn.{i}.0.weight_v"] = [512, 512, 5];
            expected[$"cnn.{i}.0.bias"] = [512];
            expected[$"cnn.{i}.1.gamma"] = [512];
            expected[$"cnn.{i}.1.beta"] = [512];
        }

        AddLstm(expected, "lstm", 512, 256);

        ShapeAssert.Shapes(expected, shapes);
        ShapeAssert.Count(5_606_400, 5.6e6, shapes);
    }

    [Fact]
    public void Prosody_predictor_has_the_checkpoint_names_and_shapes_and_16_194_612_parameters()
    {
        using var scope = NewDisposeScope();
        var shapes = Shapes(new ProsodyPredictor(new KokoroConfig()));
        var expected = new Dictionary<string, long[]>
        {
            ["duration_proj.linear_layer.weight"] = [50, 512],
            ["duration_proj.linear_layer.bias"] = [50],
            ["F0_proj.weight"] = [1, 256, 1],
            ["F0_proj.bias"] = [1],
            ["N_proj.weight"] = [1, 256, 1],
            ["N_proj.bias"] = [1],
        };
        foreach (var i in new[] { 0, 2, 4 })
        {
            AddLstm(expected, $"text_encoder.lstms.{i}", 640, 256);
            expected[$"text_encoder.lstms.{i + 1}.fc.weight"] = [1024, 128];
            expected[$"text_encoder.lstms.{i + 1}.fc.bias"] = [1024];
        }

        AddLstm(expected, "lstm", 640, 256);
        AddLstm(expected, "shared", 640, 256);
        foreach (var curve in new[] { "F0", "N" })
        {
            AddBlock(expected, $"{curve}.0", 512, 512, upsample: false);
            AddBlock(expected, $"{curve}.1", 512, 256, upsample: true);
            AddBlock(expected, $"{curve}.2", 256, 256, upsample: false);
        }

        ShapeAssert.Shapes(expected, shapes);
        ShapeAssert.Count(16_194_612, 16.2e6, shapes);
    }

    private static Dictionary<string, long[]> Shapes(TorchSharp.torch.nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

    private static void AddLstm(Dictionary<string, long[]> expected, string prefix, long input, long hidden)
    {
        foreach (var suffix in LstmSuffixes)
        {
            expected[$"{prefix}.{suffix}"] = suffix.StartsWith("weight_ih", StringComparison.Ordinal) ? [4 * hidden, input]
                : suffix.StartsWith("weight_hh", StringComparison.Ordinal) ? [4 * hidden, hidden]
                : [4 * hidden];
        }
    }

    private static void AddBlock(Dictionary<string, long[]> expected, string prefix, long dimIn, long dimOut, bool upsample)
    {
        expected[$"{prefix}.conv1.weight_g"] = [dimOut, 1, 1];
        expected[$"{prefix}.conv1.weight_v"] = [dimOut, dimIn, 3];
        expected[$"{prefix}.conv1.bias"] = [dimOut];
        expected[$"{prefix}.conv2.weight_g"] = [dimOut, 1, 1];
        expected[$"{prefix}.conv2.weight_v"] = [dimOut, dimOut, 3];
        expected[$"{prefix}.conv2.bias"] = [dimOut];
        expected[$"{prefix}.norm1.fc.weight"] = [2 * dimIn, 128];
        expected[$"{prefix}.norm1.fc.bias"] = [2 * dimIn];
        expected[$"{prefix}.norm2.fc.weight"] = [2 * dimOut, 128];
        expected[$"{prefix}.norm2.fc.bias"] = [2 * dimOut];
        if (dimIn != dimOut)
        {
            expected[$"{prefix}.conv1x1.weight_g"] = [dimOut, 1, 1];
            expected[$"{prefix}.conv1x1.weight_v"] = [dimOut, dimIn, 1];
        }

        if (upsample)
        {
            expected[$"{prefix}.pool.weight_g"] = [dimIn, 1, 1];
            expected[$"{prefix}.pool.weight_v"] = [dimIn, 1, 3];
            expected[$"{prefix}.pool.bias"] = [dimIn];
        }
    }
}
