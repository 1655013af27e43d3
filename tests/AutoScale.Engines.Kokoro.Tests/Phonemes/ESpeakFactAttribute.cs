using System.Runtime.InteropServices;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

/// <summary>A fact that needs eSpeak NG installed (and, if asked, <c>../shared/data</c>): skipped, saying so, without it.</summary>
public sealed class ESpeakFactAttribute : FactAttribute
{
    private static readonly bool _installed = NativeLibrary.TryLoad("libespeak-ng.so.1", out _);

    public ESpeakFactAttribute(bool needsSharedData = false)
    {
        if (!_installed)
        {
            Skip = "eSpeak NG is not installed (apt-get install libespeak-ng1 espeak-ng-data).";
        }
        else if (needsSharedData && RepositoryLayout.Shared is null)
        {
            Skip = "../shared/data (Kokoro's config) is not beside this checkout.";
        }
    }
}
