using System.Diagnostics;
using System.Threading.Channels;

namespace AutoScale.Audio;

/// <summary>
/// The ffmpeg program as an encoder: raw input into its standard input, the encoded stream out of its standard
/// output. A background task reads standard output into memory as ffmpeg writes it, without a bound, so that ffmpeg
/// never blocks on a full pipe while this side blocks writing its input (each would wait for the other for ever);
/// the caller takes what has arrived during its own calls. Standard error is kept for the exception when ffmpeg
/// fails. Disposing kills a process that has not exited.
/// </summary>
internal sealed class FfmpegEncoderProcess : IAsyncDisposable
{
    private const int ReadSize = 16 * 1024;

    private readonly Process _process;
    private readonly Channel<byte[]> _output =
        Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private readonly Task _pump;
    private readonly Task<string> _errors;

    public FfmpegEncoderProcess(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        Input = _process.StandardInput.BaseStream;
        _errors = _process.StandardError.ReadToEndAsync();
        _pump = PumpAsync(_process.StandardOutput.BaseStream);
    }

    public int ProcessId => _process.Id;

    /// <summary>ffmpeg's standard input; an <see cref="IOException"/> from it means ffmpeg has gone (see <see cref="FailureAsync"/>).</summary>
    public Stream Input { get; }

    /// <summary>Takes output that has arrived, without waiting.</summary>
    public bool TryTake(out byte[] bytes) => _output.Reader.TryRead(out bytes!);

    /// <summary>Waits for output to arrive: true when there is some, false when ffmpeg has closed its output.</summary>
    public ValueTask<bool> WaitForOutputAsync(CancellationToken cancellationToken) => _output.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Closes ffmpeg's input, so that it encodes what it holds and exits.</summary>
    public void EndInput() => Input.Dispose();

    /// <summary>Waits for ffmpeg to exit.</summary>
    /// <exception cref="InvalidOperationException">It exited with an error; the message has what it printed.</exception>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _pump;
        if (_process.ExitCode != 0)
        {
            throw await FailureAsync(null);
        }
    }

    /// <summary>Why ffmpeg failed, once it has exited: its exit code and what it printed to standard error.</summary>
    public async Task<InvalidOperationException> FailureAsync(Exception? cause)
    {
        await _process.WaitForExitAsync();
        var errors = (await _errors).Trim();
        return new InvalidOperationException(
            $"ffmpeg exited with code {_process.ExitCode}: {(errors.Length > 0 ? errors : "it printed nothing")}", cause);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had exited.
        }

        await _process.WaitForExitAsync();
        await _pump;
        await ((Task)_errors).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private async Task PumpAsync(Stream output)
    {
        var buffer = new byte[ReadSize];
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer)) > 0)
            {
                _output.Writer.TryWrite(buffer[..read]);
            }

            _output.Writer.TryComplete();
        }
        catch (Exception exception)
        {
            _output.Writer.TryComplete(exception);
        }
    }
}
