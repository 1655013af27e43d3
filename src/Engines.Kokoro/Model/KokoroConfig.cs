using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>
/// Kokoro's <c>config.json</c>: the sizes every module is built from. The defaults are the official v1.0 values, so a
/// test can shrink one field at a time; the vocabulary always comes from the file beside the weights.
/// </summary>
public sealed record KokoroConfig
{
    [JsonPropertyName("n_token")] public int TokenCount { get; init; } = 178;

    [JsonPropertyName("hidden_dim")] public int HiddenDim { get; init; } = 512;

    [JsonPropertyName("style_dim")] public int StyleDim { get; init; } = 128;

    [JsonPropertyName("n_layer")] public int LayerCount { get; init; } = 3;

    [JsonPropertyName("max_dur")] public int MaxDuration { get; init; } = 50;

    [JsonPropertyName("text_encoder_kernel_size")] public int TextEncoderKernelSize { get; init; } = 5;

    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.2;

    [JsonPropertyName("istftnet")] public IstftNetConfig IstftNet { get; init; } = new();

    [JsonPropertyName("plbert")] public PlBertConfig PlBert { get; init; } = new();

    /// <summary>Channels of the decoder's residual blocks (fixed at 1024 upstream; only small test models change it).</summary>
    [JsonPropertyName("decoder_encode_channels")] public int DecoderEncodeChannels { get; init; } = 1024;

    /// <summary>Channels of the decoder's ASR residual (fixed at 64 upstream; only small test models change it).</summary>
    [JsonPropertyName("decoder_residual_channels")] public int DecoderResidualChannels { get; init; } = 64;

    /// <summary>Phoneme (one character each) → token id; 0 is padding and the start/end token.</summary>
    [JsonPropertyName("vocab")] public IReadOnlyDictionary<string, int> Vocabulary { get; init; } = new Dictionary<string, int>();

    /// <summary>Audio samples per duration frame: the curves run at 2 steps a frame, each × Π(upsample_rates) × hop (600 officially).</summary>
    [JsonIgnore] public int SamplesPerFrame => 2 * IstftNet.UpsampleRates.Aggregate(1, (a, b) => a * b) * IstftNet.IstftHopSize;

    /// <summary>Output sample rate (hard-coded in Kokoro's generator).</summary>
    [JsonIgnore] public int SampleRate { get; init; } = 24_000;

    public static KokoroConfig Parse(string json) =>
        JsonSerializer.Deserialize<KokoroConfig>(json) ?? throw new FormatException("The Kokoro config is empty.");

    public static KokoroConfig Load(string path) => Parse(File.ReadAllText(path));
}

public sealed record IstftNetConfig
{
    [JsonPropertyName("upsample_rates")] public IReadOnlyList<int> UpsampleRates { get; init; } = [10, 6];

    [JsonPropertyName("upsample_kernel_sizes")] public IReadOnlyList<int> UpsampleKernelSizes { get; init; } = [20, 12];

    [JsonPropertyName("upsample_initial_channel")] public int UpsampleInitialChannel { get; init; } = 512;

    [JsonPropertyName("resblock_kernel_sizes")] public IReadOnlyList<int> ResblockKernelSizes { get; init; } = [3, 7, 11];

    [JsonPropertyName("resblock_dilation_sizes")]
    public IReadOnlyList<IReadOnlyList<int>> ResblockDilationSizes { get; init; } = [[1, 3, 5], [1, 3, 5], [1, 3, 5]];

    [JsonPropertyName("gen_istft_n_fft")] public int IstftFftSize { get; init; } = 20;

    [JsonPropertyName("gen_istft_hop_size")] public int IstftHopSize { get; init; } = 5;
}

public sealed record PlBertConfig
{
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;

    [JsonPropertyName("num_attention_heads")] public int AttentionHeads { get; init; } = 12;

    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 2048;

    [JsonPropertyName("max_position_embeddings")] public int MaxPositions { get; init; } = 512;

    [JsonPropertyName("num_hidden_layers")] public int HiddenLayers { get; init; } = 12;

    /// <summary>ALBERT's factorised embedding size (a Hugging Face default the official config does not override).</summary>
    [JsonPropertyName("embedding_size")] public int EmbeddingSize { get; init; } = 128;
}
