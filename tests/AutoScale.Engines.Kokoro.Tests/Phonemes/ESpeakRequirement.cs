using System.Runtime.InteropServices;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

/// <summary>Why a test that needs eSpeak NG (and, if asked, <c>../shared/data</c>) cannot run here, or null when it can.</summary>
internal static class ESpeakRequirement
{
    private static readonly bool _installed = NativeLibrary.TryLoad("libespeak-ng.so.1", out _);

    public static string? SkipReason(bool needsSharedData) =>
        !_installed ? "eSpeak NG is not installed (apt-get install libespeak-ng1 espeak-ng-data)."
        : needsSharedData ? SharedData.SkipReason("kokoro-v1_0-config.json")
        : null;
}
