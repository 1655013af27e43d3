using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>The native <c>soxr_io_spec_t</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SoxrIoSpec
{
    public int InputType;
    public int OutputType;
    public double Scale;
    public void* Reserved;
    public CULong Flags;
}
