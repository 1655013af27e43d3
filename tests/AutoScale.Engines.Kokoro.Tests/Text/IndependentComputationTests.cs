using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Model.Text;
using AutoScale.Engines.Kokoro.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Text;

public sealed class IndependentComputationTests
{
    [Fact]
    public void AdaLayerNorm_normalises_each_step_over_channels_then_applies_one_plus_gamma_and_beta()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var norm = new AdaLayerNorm(3, 4);
        var x = randn(2, 5, 4) * 2 - 1;
        var style = randn(2, 3);
        var state = norm.state_dict();

        var mean = x.mean([2], keepdim: true);
        var variance = ((x - mean) * (x - mean)).mean([2], keepdim: true);
        var h = (matmul(style, state["fc.weight"].t()) + state["fc.bias"]).unsqueeze(1);
        var expected = (1 + h[.., .., ..4]) * ((x - mean) / sqrt(variance + 1e-5)) + h[.., .., 4..];

        Assert.True(allclose(norm.forward(x, style), expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Channel_layer_norm_normalises_over_the_channel_dimension_with_gamma_and_beta()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var norm = new ChannelLayerNorm(3);
        using (no_grad())
        {
            norm.state_dict()["gamma"].copy_(tensor(new[] { 1f, 2f, 3f }));
            norm.state_dict()["beta"].copy_(tensor(new[] { 0f, -1f, 1f }));
        }

        var x = randn(2, 3, 5);
        var mean = x.mean([1], keepdim: true);
        var variance = ((x - mean) * (x - mean)).mean([1], keepdim: true);
        var expected = (x - mean) / sqrt(variance + 1e-5) * tensor(new[] { 1f, 2f, 3f }).view(1, 3, 1) + tensor(new[] { 0f, -1f, 1f }).view(1, 3, 1);

        Assert.True(allclose(norm.forward(x), expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Bert_runs_its_one_shared_layer_num_hidden_layers_times_with_masked_attention_and_tanh_gelu()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var config = new KokoroConfig
        {
            TokenCount = 10,
            PlBert = new PlBertConfig { HiddenSize = 8, AttentionHeads = 2, IntermediateSize = 12, HiddenLayers = 3, MaxPositions = 16, EmbeddingSize = 4 },
        };
        var bert = new CustomAlbert(config);
        bert.eval();
        var p = bert.state_dict();
        var ids = tensor(new long[,] { { 0, 4, 9, 2, 0 } });
        var keep = tensor(new long[,] { { 1, 1, 1, 0, 0 } });

        Tensor Linear(Tensor x, string name) => matmul(x, p[name + ".weight"].t()) + p[name + ".bias"];
        Tensor Norm(Tensor x, string name, double eps)
        {
            var mean = x.mean([-1], keepdim: true);
            var variance = ((x - mean) * (x - mean)).mean([-1], keepdim: true);
            return (x - mean) / sqrt(variance + eps) * p[name + ".weight"] + p[name + ".bias"];
        }

        Tensor Heads(Tensor x) => x.view(1, 5, 2, 4).transpose(1, 2);

        var embedded = p["embeddings.word_embeddings.weight"][ids] + p["embeddings.position_embeddings.weight"][..5].unsqueeze(0)
            + p["embeddings.token_type_embeddings.weight"][0];
        var hidden = Linear(Norm(embedded, "embeddings.LayerNorm", 1e-12), "encoder.embedding_hidden_mapping_in");
        const string Layer = "encoder.albert_layer_groups.0.albert_layers.0.";
        for (var i = 0; i < 3; i++)
        {
            var scores = matmul(Heads(Linear(hidden, Layer + "attention.query")), Heads(Linear(hidden, Layer + "attention.key")).transpose(-1, -2)) / 2.0;
            scores = scores.masked_fill(keep.eq(0).view(1, 1, 1, 5), double.NegativeInfinity);
            var context = matmul(softmax(scores, -1), Heads(Linear(hidden, Layer + "attention.value"))).transpose(1, 2).reshape(1, 5, 8);
            var attended = Norm(hidden + Linear(context, Layer + "attention.dense"), Layer + "attention.LayerNorm", 1e-12);
            var inner = Linear(attended, Layer + "ffn");
            var gelu = 0.5 * inner * (1 + tanh(Math.Sqrt(2 / Math.PI) * (inner + 0.044715 * inner.pow(3))));
            hidden = Norm(Linear(gelu, Layer + "ffn_output") + attended, Layer + "full_layer_layer_norm", 1e-12);
        }

        Assert.True(allclose(bert.forward(ids, keep), hidden, rtol: 1e-4, atol: 1e-5));
    }
}
