using System.Runtime.InteropServices;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

/// <summary>A theory that needs eSpeak NG installed: skipped, saying so, without it.</summary>
public sealed class ESpeakTheoryAttribute : TheoryAttribute
{
    private static readonly bool _installed = NativeLibrary.TryLoad("libespeak-ng.so.1", out _);

    public ESpeakTheoryAttribute()
    {
        if (!_installed)
        {
            Skip = "eSpeak NG is not installed (apt-get install libespeak-ng1 espeak-ng-data).";
        }
    }
}
