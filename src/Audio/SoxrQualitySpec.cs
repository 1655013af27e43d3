using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>The native <c>soxr_quality_spec_t</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SoxrQualitySpec
{
    public double Precision;
    public double PhaseResponse;
    public double PassbandEnd;
    public double StopbandBegin;
    public void* Reserved;
    public CULong Flags;
}
