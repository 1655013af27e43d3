using Microsoft.Win32.SafeHandles;

namespace AutoScale.Audio;

/// <summary>A libFLAC stream encoder (<c>FLAC__StreamEncoder*</c>), deleted when released.</summary>
internal sealed class FlacEncoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FlacEncoderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        FlacNative.Delete(handle);
        return true;
    }
}
