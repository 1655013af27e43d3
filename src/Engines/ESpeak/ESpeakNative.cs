using System.Runtime.InteropServices;

namespace AutoScale.Engines.ESpeak;

/// <summary>
/// The parts of eSpeak NG's <c>speak_lib.h</c> the engine uses. The library keeps all of its state in globals, so every
/// call must be made under <see cref="ESpeakEngine"/>'s lock.
/// </summary>
internal static unsafe partial class ESpeakNative
{
    public const string LibraryName = "libespeak-ng.so.1";

    public const int AudioOutputSynchronous = 2;

    /// <summary>Without it, <c>espeak_Initialize</c> calls <c>exit(1)</c> when the data directory is missing.</summary>
    public const int InitializeDontExit = 0x8000;

    public const int PositionCharacter = 1;
    public const uint CharsUtf8 = 1;
    public const uint EndPause = 0x1000;

    public const int ParameterRate = 1;
    public const int RateMinimum = 80;
    public const int RateNormal = 175;
    public const int RateMaximum = 450;

    public const int Ok = 0;

    [LibraryImport(LibraryName, EntryPoint = "espeak_Initialize")]
    public static partial int Initialize(int output, int bufferLengthMs, byte* path, int options);

    [LibraryImport(LibraryName, EntryPoint = "espeak_Info")]
    public static partial byte* Info(byte** dataPath);

    [LibraryImport(LibraryName, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, void*, int> callback);

    [LibraryImport(LibraryName, EntryPoint = "espeak_ListVoices")]
    public static partial ESpeakNativeVoice** ListVoices(ESpeakNativeVoice* voiceSpec);

    [LibraryImport(LibraryName, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(LibraryName, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    [LibraryImport(LibraryName, EntryPoint = "espeak_Synth")]
    public static partial int Synth(
        byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, void* userData);

    [LibraryImport(LibraryName, EntryPoint = "espeak_Terminate")]
    public static partial int Terminate();

    /// <summary>Reads a NUL-terminated UTF-8 string owned by the library (empty for a null pointer).</summary>
    public static string ReadUtf8(byte* value) =>
        value == null ? string.Empty : System.Text.Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value));

    /// <summary>
    /// Reads <c>espeak_ListVoices(NULL)</c>. Each voice's <c>languages</c> is a run of (priority byte, NUL-terminated
    /// language) pairs ended by a zero priority byte.
    /// </summary>
    public static IReadOnlyList<ESpeakLibraryVoice> ReadVoices()
    {
        var voices = new List<ESpeakLibraryVoice>();
        var list = ListVoices(null);
        if (list == null)
        {
            return voices;
        }

        for (var entry = list; *entry != null; entry++)
        {
            var voice = *entry;
            var languages = new List<ESpeakLanguage>();
            for (var cursor = voice->Languages; cursor != null && *cursor != 0;)
            {
                int priority = *cursor++;
                var code = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(cursor);
                languages.Add(new ESpeakLanguage(priority, System.Text.Encoding.UTF8.GetString(code)));
                cursor += code.Length + 1;
            }

            voices.Add(new ESpeakLibraryVoice(ReadUtf8(voice->Name).Trim(), ReadUtf8(voice->Identifier), languages));
        }

        return voices;
    }
}
