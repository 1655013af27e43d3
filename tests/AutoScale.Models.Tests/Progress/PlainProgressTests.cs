using AutoScale.Models.Progress;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Models.Tests.Progress;

public sealed class PlainProgressTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _output = new();

    [Fact]
    public void A_large_file_gets_a_line_with_bytes_rate_and_time_left_at_most_every_five_seconds()
    {
        var progress = new PlainProgress(_output, _time);
        progress.Begin(1);
        progress.Checking("kokoro-v1_0.pth");
        progress.Transferring(312_000_000, 0);

        _time.Advance(TimeSpan.FromSeconds(1));
        progress.Advanced(10_000_000);
        _time.Advance(TimeSpan.FromSeconds(5));
        progress.Advanced(60_000_000);
        _time.Advance(TimeSpan.FromSeconds(2));
        progress.Advanced(80_000_000);

        Assert.Equal(["kokoro-v1_0.pth: 60.0 MB of 312.0 MB (19%), 10.0 MB/s, 25 s left"], Lines());
    }

    [Fact]
    public void Each_file_gets_a_line_when_it_is_done()
    {
        var progress = new PlainProgress(_output, _time);
        progress.Begin(2);
        progress.Checking("config.json");
        progress.InPlace("in place (as recorded)");
        progress.Checking("voices/af_heart.pt");
        progress.Transferring(523_000, 23_000);
        _time.Advance(TimeSpan.FromSeconds(2));
        progress.Advanced(523_000);
        progress.Downloaded();

        Assert.Equal(
            [
                "config.json: in place (as recorded)",
                "voices/af_heart.pt: resuming from 23.0 kB of 523.0 kB",
                "voices/af_heart.pt: downloaded and verified, 523.0 kB in 2 s (250.0 kB/s)",
            ],
            Lines());
    }

    private string[] Lines() => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
