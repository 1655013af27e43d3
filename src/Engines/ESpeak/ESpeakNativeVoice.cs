using System.Runtime.InteropServices;

namespace AutoScale.Engines.ESpeak;

/// <summary>The native <c>espeak_VOICE</c>, as returned by <c>espeak_ListVoices</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ESpeakNativeVoice
{
    public byte* Name;
    public byte* Languages;
    public byte* Identifier;
    public byte Gender;
    public byte Age;
    public byte Variant;
    public byte Reserved;
    public int Score;
    public void* Spare;
}
