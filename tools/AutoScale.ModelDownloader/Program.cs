using AutoScale.ModelDownloader;
using AutoScale.Models;
using AutoScale.Models.HuggingFace;
using AutoScale.Models.Kokoro;

if (DownloaderCommandLine.WantsHelp(args))
{
    Console.WriteLine(DownloaderCommandLine.Usage);
    return 0;
}

string modelsPath;
HubSettings hub;
try
{
    modelsPath = DownloaderCommandLine.ModelsPath(args, Environment.GetEnvironmentVariable);
    hub = DownloaderCommandLine.Hub(Environment.GetEnvironmentVariable);
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

using var http = HubClient.CreateHttpClient();
var options = new ModelDownloadOptions { ModelsPath = modelsPath };
var downloader = new ModelDownloader(KokoroRelease.Manifest, hub, options, http, ConsoleProgress.Create(), TimeProvider.System);
var summary = await downloader.RunAsync();

// Failures and the failed summary go to standard error, so a caller can keep them apart from the progress.
foreach (var failure in summary.Failures)
{
    Console.Error.WriteLine(failure);
}

(summary.Succeeded ? Console.Out : Console.Error).WriteLine(summary.Line);
return summary.Succeeded ? 0 : 1;
