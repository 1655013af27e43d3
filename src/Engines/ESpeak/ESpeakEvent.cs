using System.Runtime.InteropServices;

namespace AutoScale.Engines.ESpeak;

/// <summary><c>espeak_EVENT</c> of <c>speak_lib.h</c>; the synthesis callback gets an array of them ended by type 0.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ESpeakEvent
{
    public const int ListTerminated = 0;
    public const int Word = 1;

    public int Type;
    public uint UniqueIdentifier;

    /// <summary>Where the word starts in the text, in characters from 1.</summary>
    public int TextPosition;

    /// <summary>The word's length in characters.</summary>
    public int Length;

    /// <summary>Milliseconds of audio synthesised before it, from the start of the call.</summary>
    public int AudioPosition;

    public int Sample;
    public IntPtr UserData;

    // A union of an int, a string pointer and char[8].
    public long Id;
}
