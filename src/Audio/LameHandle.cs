using Microsoft.Win32.SafeHandles;

namespace AutoScale.Audio;

/// <summary>A LAME encoder (<c>lame_t</c>), closed when released.</summary>
internal sealed class LameHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public LameHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => LameNative.Close(handle) == 0;
}
