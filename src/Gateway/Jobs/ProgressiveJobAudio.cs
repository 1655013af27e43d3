using AutoScale.Artifacts;
using AutoScale.Audio;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Gateway.Jobs;

/// <summary>How a progressive audio response ended.</summary>
public enum ProgressiveAudioOutcome
{
    /// <summary>Every chunk was sent and the file completed.</summary>
    Completed,

    /// <summary>The job failed or was cancelled before any audio was sent: the response has not started.</summary>
    EndedBeforeAudio,

    /// <summary>The job failed or was cancelled after audio was sent: the connection was cut so the file is not taken for whole.</summary>
    EndedMidStream,

    /// <summary>The client went away.</summary>
    ClientGone,
}

/// <summary>
/// Streams a queued or running job's audio into the response as its chunks are ready, in order, encoded into one
/// file on the fly, until the last. Headers go out with the first chunk, so a job that ends without audio can still
/// be answered with an error.
/// </summary>
public static class ProgressiveJobAudio
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Streams the job's audio in <paramref name="format"/>, at <paramref name="sampleRate"/> when given (resampled with
    /// libsoxr; else the chunks' own rate), into <paramref name="target"/> (the response body as the file when null).
    /// </summary>
    public static async Task<ProgressiveAudioOutcome> StreamAsync(
        JobSnapshot job, AudioFormat format, HttpContext context, IJobGrain grain, JobStore store, IArtifactStore artifacts,
        int? sampleRate = null, AudioTarget? target = null)
    {
        target ??= AudioTarget.FileBody;
        var cancellation = context.RequestAborted;
        IAudioStreamEncoder? encoder = null;
        var next = 0;
        try
        {
            while (next < job.ChunksTotal)
            {
                var ready = (await store.LoadFinishedChunksAsync(job.Id, cancellation)).Where(c => c.Sequence >= next).ToDictionary(c => c.Sequence);
                while (ready.TryGetValue(next, out var chunk))
                {
                    if (encoder is null)
                    {
                        var output = target.Start(context, format, sampleRate ?? chunk.SampleRate);
                        encoder = AudioEncoders.Create(format, chunk.SampleRate, output, outputSampleRate: sampleRate);
                    }

                    await using (var audio = await artifacts.OpenReadAsync(chunk.ArtifactKey, cancellation)
                        ?? throw new InvalidOperationException($"The audio of chunk {chunk.Sequence} of job {job.Id} is missing."))
                    {
                        await ChunkAudio.CopySamplesAsync(audio, encoder, cancellation);
                    }

                    await encoder.FlushAsync(cancellation);
                    next++;
                }

                if (next >= job.ChunksTotal)
                {
                    break;
                }

                var before = job.Version;
                job = await grain.WaitForChangeAsync(before, PollWait) ?? job;
                if (job.Status is JobStatus.Failed or JobStatus.Cancelled)
                {
                    if (encoder is null)
                    {
                        return ProgressiveAudioOutcome.EndedBeforeAudio;
                    }

                    context.Abort();
                    return ProgressiveAudioOutcome.EndedMidStream;
                }
            }

            if (encoder is not null)
            {
                await encoder.CompleteAsync(cancellation);
                await target.CompleteAsync(context, cancellation);
            }

            return ProgressiveAudioOutcome.Completed;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ProgressiveAudioOutcome.ClientGone;
        }
        finally
        {
            if (encoder is not null)
            {
                await encoder.DisposeAsync();
            }
        }
    }
}
