using AutoScale.Models.Progress;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Models.Tests.Progress;

public sealed class TerminalProgressTests
{
    [Fact]
    public void One_line_is_redrawn_in_place_problems_get_their_own_and_the_end_leaves_it_blank()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter();
        var progress = new TerminalProgress(output, time, width: 80);
        progress.Begin(56);
        progress.Checking("kokoro-v1_0.pth");
        progress.Transferring(312_000_000, 0);
        time.Advance(TimeSpan.FromSeconds(6));
        progress.Advanced(60_000_000);
        progress.Problem("kokoro-v1_0.pth: the connection broke; resuming");
        progress.Finish();

        Assert.Equal(
            "\r[1/56] kokoro-v1_0.pth\u001b[K"
            + "\r[1/56] kokoro-v1_0.pth: 0 B of 312.0 MB (0%), measuring the rate\u001b[K"
            + "\r[1/56] kokoro-v1_0.pth: 60.0 MB of 312.0 MB (19%), 10.0 MB/s, 25 s left\u001b[K"
            + "\rkokoro-v1_0.pth: the connection broke; resuming\u001b[K\n"
            + "\r[1/56] kokoro-v1_0.pth: 60.0 MB of 312.0 MB (19%), 10.0 MB/s, 25 s left\u001b[K"
            + "\r\u001b[K",
            output.ToString());
    }

    [Fact]
    public void A_line_wider_than_the_terminal_is_cut_so_it_never_wraps()
    {
        var output = new StringWriter();
        var progress = new TerminalProgress(output, new FakeTimeProvider(), width: 30);
        progress.Begin(1);
        progress.Checking("voices/a_very_long_voice_name_that_does_not_fit.pt");

        Assert.Equal("\r[1/1] voices/a_very_long_voic\u001b[K", output.ToString());
    }
}
