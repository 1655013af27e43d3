using System.Runtime.InteropServices;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary><c>espeak_VOICE</c>, used only to select a voice by language.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ESpeakVoiceSpec
{
    public IntPtr Name;
    public IntPtr Languages;
    public IntPtr Identifier;
    public byte Gender;
    public byte Age;
    public byte Variant;
    public byte Reserved;
    public int Score;
    public IntPtr Spare;
}
