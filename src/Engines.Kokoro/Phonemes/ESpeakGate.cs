namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// eSpeak NG keeps its state in process globals: every native call from this assembly runs under <see cref="Sync"/>, and
/// the library is initialised once per process and never terminated (a terminated library cannot be initialised again).
/// </summary>
internal static class ESpeakGate
{
    private const string InstallHint = "apt-get install libespeak-ng1 espeak-ng-data";

    private static bool _initialized;

    public static Lock Sync { get; } = new();

    /// <summary>Call under <see cref="Sync"/>.</summary>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 is not installed.</exception>
    /// <exception cref="InvalidOperationException">The eSpeak NG data is missing.</exception>
    public static void EnsureInitialized()
    {
        if (_initialized)
        {
            return;
        }

        int sampleRate;
        try
        {
            sampleRate = ESpeakPhonemeNative.Initialize(
                ESpeakPhonemeNative.AudioOutputSynchronous, 0, IntPtr.Zero, ESpeakPhonemeNative.InitializeDontExit);
        }
        catch (DllNotFoundException exception)
        {
            throw new DllNotFoundException($"{ESpeakPhonemeNative.LibraryName} not found: {InstallHint}", exception);
        }

        // With the data directory missing, 1.51 returns 0 rather than the documented -1.
        if (sampleRate <= 0)
        {
            throw new InvalidOperationException($"eSpeak NG data not found: {InstallHint}");
        }

        _initialized = true;
    }
}
