using System.Runtime.InteropServices;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// The parts of eSpeak NG's <c>speak_lib.h</c> the phonemizer uses; call them only under <see cref="ESpeakGate"/>.
/// </summary>
/// <remarks>
/// <c>[DllImport]</c> with blittable signatures rather than <c>[LibraryImport]</c>: the generated stubs need unsafe code,
/// which this project does not allow.
/// </remarks>
internal static class ESpeakPhonemeNative
{
    public const string LibraryName = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;

    /// <summary>Without it, <c>espeak_Initialize</c> calls <c>exit(1)</c> when the data directory is missing.</summary>
    public const int InitializeDontExit = 0x8000;

    public const int CharsUtf8 = 1;

    /// <summary>IPA as UTF-8, with '^' (bits 8–23) tying the letters of a multi-letter phoneme, the form misaki expects.</summary>
    public const int PhonemesIpaWithTie = 0x02 | 0x80 | ('^' << 8);

    public const int Ok = 0;

    [DllImport(LibraryName, EntryPoint = "espeak_Initialize")]
    public static extern int Initialize(int output, int bufferLengthMs, IntPtr path, int options);

    [DllImport(LibraryName, EntryPoint = "espeak_SetVoiceByProperties")]
    public static extern int SetVoiceByProperties(ref ESpeakVoiceSpec voice);

    /// <summary>Returns one clause in a static buffer, advances <paramref name="text"/> past it, and sets it to zero at the end.</summary>
    [DllImport(LibraryName, EntryPoint = "espeak_TextToPhonemes")]
    public static extern IntPtr TextToPhonemes(ref IntPtr text, int textMode, int phonemeMode);
}
