using Microsoft.Win32.SafeHandles;

namespace AutoScale.Audio;

/// <summary>A libsoxr resampler (<c>soxr_t</c>), deleted when released.</summary>
internal sealed class SoxrHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SoxrHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        SoxrNative.Delete(handle);
        return true;
    }
}
