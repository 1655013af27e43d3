using System.Runtime.InteropServices;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>
/// How the C heap treats the large tensors of a long chunk. glibc serves blocks below its mmap threshold from its heaps and
/// keeps them after they are freed, and the threshold climbs to the size of each large block freed (up to 32 MB), so the
/// activations of one stage (a few MB to 30 MB each) stay resident while the next, larger stage allocates on top. Measured on a
/// 510-phoneme chunk with the full-size model: peak 1.74 GB by default, 1.92 and 2.00 GB with MALLOC_ARENA_MAX=2 and 1,
/// 1.24 GB with a fixed 1 MiB threshold, which maps every block of 1 MiB or more on its own and unmaps it when freed.
/// </summary>
/// <remarks>
/// <c>[DllImport]</c> rather than <c>[LibraryImport]</c>: the generated stubs need unsafe code, which this project does not allow.
/// </remarks>
internal static class NativeHeap
{
    public const int MmapThresholdBytes = 1 << 20;

    private const string GlibcName = "libc.so.6";

    /// <summary><c>M_MMAP_THRESHOLD</c> in glibc's <c>malloc.h</c>.</summary>
    private const int MmapThresholdParameter = -3;

    /// <summary>Fixes the threshold at <see cref="MmapThresholdBytes"/>; false (nothing changed) where the C library is not glibc.</summary>
    public static bool MapLargeBlocksSeparately()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdParameter, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport(GlibcName, EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
