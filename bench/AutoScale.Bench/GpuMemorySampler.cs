using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace AutoScale.Bench;

/// <summary>
/// The GPU's used memory, sampled every 100 ms by <c>nvidia-smi</c> in the background (TorchSharp exposes no CUDA memory
/// statistics); the peak since the last <see cref="Reset"/>. Absent where nvidia-smi is not installed.
/// </summary>
public sealed class GpuMemorySampler : IDisposable
{
    private readonly Process _process;
    private long _peak;

    private GpuMemorySampler(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) =>
        {
            // One line per GPU per sample; the peak over all of them.
            if (long.TryParse(line.Data?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var used))
            {
                Latest = used;
                InterlockedMax(ref _peak, used);
            }
        };
        _process.BeginOutputReadLine();
    }

    /// <summary>MiB used at the last sample.</summary>
    public long Latest { get; private set; }

    /// <summary>MiB used at the highest sample since <see cref="Reset"/>.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    public static GpuMemorySampler? TryStart()
    {
        var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=memory.used --format=csv,noheader,nounits -lms 100")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(start) is { } process ? new GpuMemorySampler(process) : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    public void Reset() => Interlocked.Exchange(ref _peak, Latest);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
