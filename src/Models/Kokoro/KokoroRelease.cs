namespace AutoScale.Models.Kokoro;

/// <summary>
/// Kokoro-82M v1.0 as the worker reads it (src/Engines.Kokoro/Hosting/KokoroModelFiles.cs): the weights, the config
/// and the 54 published voices of hexgrad/Kokoro-82M, pinned to one commit so every machine gets the same bytes.
/// Checked at that commit: kokoro-v1_0.pth is 312 MB with SHA-256 496dba11…; the voices are about 523 kB each.
/// </summary>
public static class KokoroRelease
{
    public const string Repository = "hexgrad/Kokoro-82M";
    public const string Revision = "f3ff3571791e39611d31c381e3a41a3af07b4987";

    /// <summary>Under <c>Models:Path</c>, as the worker looks for it.</summary>
    public const string Folder = "kokoro";

    public static IReadOnlyList<string> Voices { get; } =
    [
        "af_alloy", "af_aoede", "af_bella", "af_heart", "af_jessica", "af_kore", "af_nicole", "af_nova", "af_river",
        "af_sarah", "af_sky", "am_adam", "am_echo", "am_eric", "am_fenrir", "am_liam", "am_michael", "am_onyx", "am_puck",
        "am_santa", "bf_alice", "bf_emma", "bf_isabella", "bf_lily", "bm_daniel", "bm_fable", "bm_george", "bm_lewis",
        "ef_dora", "em_alex", "em_santa", "ff_siwis", "hf_alpha", "hf_beta", "hm_omega", "hm_psi", "if_sara", "im_nicola",
        "jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo", "pf_dora", "pm_alex", "pm_santa", "zf_xiaobei",
        "zf_xiaoni", "zf_xiaoxiao", "zf_xiaoyi", "zm_yunjian", "zm_yunxi", "zm_yunxia", "zm_yunyang",
    ];

    /// <summary>The config first (small, and a quick proof of access), then the weights, then every voice.</summary>
    public static ModelManifest Manifest { get; } = new(
        "the Kokoro model",
        Repository,
        Revision,
        Folder,
        ["config.json", "kokoro-v1_0.pth", .. Voices.Select(voice => $"voices/{voice}.pt")]);
}
