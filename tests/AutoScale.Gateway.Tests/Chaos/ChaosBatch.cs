using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>A job a chaos test submits, and the tenant it submits it as.</summary>
public sealed record ChaosJobRequest(string TenantKey, string Text, string Voice, string Format);

/// <summary>A job that got its 202: the test holds the product to it.</summary>
public sealed record AcceptedJob(Guid Id, string TenantKey, string Format);

/// <summary>Builds batches of jobs of mixed lengths, voices, formats and tenants, and submits them.</summary>
public static class ChaosBatch
{
    /// <summary>Sentences of the long jobs of a mixed batch, which keep workers busy long enough to be killed mid-batch.</summary>
    public const int LongJobSentences = 100;

    // Formats whose audio carries the samples as they are (an Opus file cannot be compared with its chunks sample by sample).
    private static readonly string[] Formats = ["wav", "pcm"];
    private static readonly string[] Voices = ["en-us", "en-gb", "de", "fr"];

    /// <summary>
    /// <paramref name="count"/> jobs of 1 to <paramref name="maxSentences"/> sentences, and every tenth a long one of
    /// <see cref="LongJobSentences"/> (about twenty chunks), spread over the tenants, with a job number in each text so no
    /// two jobs share their audio.
    /// </summary>
    public static IReadOnlyList<ChaosJobRequest> Mixed(int count, IReadOnlyList<string> tenantKeys, int maxSentences, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var text = new StringBuilder($"Job {i}.");
            var sentences = i % 10 == 9 ? LongJobSentences : random.Next(1, maxSentences + 1);
            for (var s = 0; s < sentences; s++)
            {
                text.Append(' ').Append(SpeechText.Sentences[random.Next(SpeechText.Sentences.Length)]);
            }

            return new ChaosJobRequest(tenantKeys[i % tenantKeys.Count], text.ToString(), Voices[i % Voices.Length], Formats[i % Formats.Length]);
        })];
    }

    /// <summary>Submits every request, <paramref name="concurrency"/> at a time, and asserts each is accepted.</summary>
    public static async Task<IReadOnlyList<AcceptedJob>> SubmitAllAsync(
        GatewayInstance gateway, IReadOnlyList<ChaosJobRequest> requests, int concurrency)
    {
        var clients = requests.Select(r => r.TenantKey).Distinct().ToDictionary(key => key, gateway.Client);
        var accepted = new ConcurrentBag<AcceptedJob>();
        try
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (request, _) =>
            {
                var response = await clients[request.TenantKey].SubmitAsync(new { text = request.Text, voice = request.Voice, format = request.Format });
                var job = await response.AssertStatusAsync(HttpStatusCode.Accepted);
                accepted.Add(new AcceptedJob(Guid.Parse(job.GetProperty("id").GetString()!), request.TenantKey, request.Format));
            });
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        return [.. accepted];
    }

    public static async Task<IReadOnlyList<string>> CreateTenantsAsync(GatewayInstance gateway, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => gateway.CreateTenantAsync($"chaos-tenant-{i}")));
}
