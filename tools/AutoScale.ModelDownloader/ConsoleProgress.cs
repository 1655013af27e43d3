using AutoScale.Models.Progress;

namespace AutoScale.ModelDownloader;

/// <summary>One redrawn line on a terminal; plain lines when standard output goes to a file or a pipe (a log, run.sh's tee).</summary>
public static class ConsoleProgress
{
    public static DownloadProgress Create()
    {
        if (Console.IsOutputRedirected)
        {
            return new PlainProgress(Console.Out, TimeProvider.System);
        }

        // Ctrl-C ends the run (the .incomplete file stays for the next one); the shell's prompt belongs on a line of its own.
        Console.CancelKeyPress += (_, _) => Console.WriteLine();
        return new TerminalProgress(Console.Out, TimeProvider.System, Width());
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            // A terminal that cannot say its size: assume the classic one.
            return 80;
        }
    }
}
