using System.Net;
using System.Text.Json;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Weights;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using static TorchSharp.torch;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>A worker silo on the Kokoro pool, with a small random-weight model saved in the official format.</summary>
public sealed class KokoroEndToEndTests
{
    private static string SmallModelFolder()
    {
        var models = Directory.CreateTempSubdirectory("autoscale-kokoro-models-").FullName;
        var files = KokoroModelFiles.Under(models);
        Directory.CreateDirectory(files.Voices);
        var official = KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json"));
        var small = new KokoroConfig
        {
            HiddenDim = 32,
            StyleDim = 128, // the real voice file's rows are 2 × 128 wide
            PlBert = new PlBertConfig { HiddenSize = 32, AttentionHeads = 2, IntermediateSize = 64, HiddenLayers = 2, EmbeddingSize = 16, MaxPositions = 512 },
            IstftNet = new IstftNetConfig { UpsampleInitialChannel = 32 },
            DecoderEncodeChannels = 48,
            DecoderResidualChannels = 8,
            Vocabulary = official.Vocabulary,
        };
        File.WriteAllText(files.Config, JsonSerializer.Serialize(small));
        manual_seed(5);
        using (var model = new KokoroModel(small))
        {
            KokoroCheckpointWriter.Write(model, files.Weights);
        }

        // The one real voice file, also under the names of a British, a Spanish and a Japanese voice: what is tested is
        // which voices the worker finds and how each is phonemized, not how they sound.
        foreach (var voice in new[] { "af_heart", "bf_emma", "ef_dora", "jf_alpha" })
        {
            File.Copy(SharedData.PathOf("kokoro-voice-af_heart.pt"), Path.Combine(files.Voices, voice + ".pt"));
        }

        return models;
    }

    [SharedDataFact("kokoro-v1_0-config.json", "kokoro-voice-af_heart.pt")]
    public async Task A_kokoro_worker_serves_jobs_end_to_end_with_the_same_audio_for_the_same_text()
    {
        var models = SmallModelFolder();
        var database = await TestPostgres.CreateEmptyDatabaseAsync("kokoroe2e");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string> { ["Artifacts__Path"] = artifacts });
        await using var worker = await WorkerInstance.StartAsync(database, artifacts, "kokoro-worker", new Dictionary<string, string>
        {
            ["Worker__Pool"] = "kokoro",
            ["Worker__Engine"] = "kokoro",
            ["Models__Path"] = models,
        });
        using var client = gateway.Client(await gateway.CreateTenantAsync("listener"));

        var wavs = new List<byte[]>();
        foreach (var _ in new[] { 1, 2 })
        {
            var job = await (await client.SubmitAsync(new { text = "Hello from Kokoro. This is a test of the engine.", model = "kokoro", voice = "af_heart" }))
                .AssertStatusAsync(HttpStatusCode.Accepted);
            var id = job.GetProperty("id").GetString()!;
            var done = await Eventually.ReturnsAsync(
                async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
                j => j.GetProperty("status").GetString() is "succeeded" or "failed",
                TimeSpan.FromMinutes(2), $"job {id} to finish");
            Assert.True(done.GetProperty("status").GetString() == "succeeded", $"{done}\n{worker.RecentOutput}");
            wavs.Add(await client.GetByteArrayAsync($"/v1/jobs/{id}/audio"));
        }

        var wav = WavFile.Parse(wavs[0]);
        Assert.Equal(24_000, wav.SampleRate);
        Assert.True(wav.Samples > 0 && wav.Samples % 600 == 0, $"{wav.Samples} samples: a whole number of 600-sample frames");
        Assert.Equal(wavs[0], wavs[1]);

        // The catalogue lists what the worker found on disk, the Japanese voice as unavailable with the reason.
        var voices = (await (await client.GetAsync("/v1/voices?model=kokoro")).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!);
        Assert.Equal(["af_heart", "bf_emma", "ef_dora", "jf_alpha"], voices.Keys.Order());
        Assert.Equal("es", voices["ef_dora"].GetProperty("languages")[0].GetString());
        Assert.False(voices["jf_alpha"].GetProperty("available").GetBoolean());
        Assert.Contains("Japanese", voices["jf_alpha"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var model = (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == "kokoro");
        Assert.Equal("workers", model.GetProperty("voiceSource").GetString());
        Assert.Equal("serving", model.GetProperty("availability").GetProperty("status").GetString());

        // A blend and a Spanish voice speak; the Japanese voice and a voice the worker lacks are refused up front.
        foreach (var (text, voice) in new[] { ("A blend of two voices.", "af_heart(2)+bf_emma(1)"), ("Hola, ¿cómo estás? Me llamo Dora.", "ef_dora") })
        {
            var job = await (await client.SubmitAsync(new { text, model = "kokoro", voice })).AssertStatusAsync(HttpStatusCode.Accepted);
            var id = job.GetProperty("id").GetString()!;
            var done = await Eventually.ReturnsAsync(
                async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
                j => j.GetProperty("status").GetString() is "succeeded" or "failed",
                TimeSpan.FromMinutes(2), $"the {voice} job to finish");
            Assert.True(done.GetProperty("status").GetString() == "succeeded", $"{voice}: {done}\n{worker.RecentOutput}");
            Assert.Equal(voice, done.GetProperty("voice").GetString());
        }

        var japanese = await (await client.SubmitAsync(new { text = "こんにちは", model = "kokoro", voice = "jf_alpha" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("unavailable", japanese.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var missing = await (await client.SubmitAsync(new { text = "Hi.", model = "kokoro", voice = "af_heart+af_nobody" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("af_nobody", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // OpenAI's route takes the blend too, and tts-1-hd speaks through this worker.
        using var speech = await client.PostAsync("/v1/audio/speech", new StringContent(
            JsonSerializer.Serialize(new { model = "tts-1-hd", voice = "af_heart+bf_emma", input = "Blended through OpenAI's route.", response_format = "pcm" }),
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True(speech.StatusCode == HttpStatusCode.OK, await speech.Content.ReadAsStringAsync());
        Assert.StartsWith("audio/pcm;rate=24000", speech.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True((await speech.Content.ReadAsByteArrayAsync()).Length > 0);
        Directory.Delete(models, recursive: true);
    }

    [Fact]
    public async Task A_kokoro_worker_without_its_model_files_stops_and_the_models_list_says_which_are_missing()
    {
        var models = Directory.CreateTempSubdirectory("autoscale-kokoro-none-").FullName;
        var database = await TestPostgres.CreateEmptyDatabaseAsync("kokoronone");
        await using var gateway = await GatewayInstance.StartAsync(database);
        await using var worker = WorkerInstance.Launch(
            database, Path.GetTempPath(), "kokoro-without-model", new Dictionary<string, string>
            {
                ["Worker__Pool"] = "kokoro",
                ["Worker__Engine"] = "kokoro",
                ["Models__Path"] = models,
            }).Worker;
        using var client = gateway.Client(await gateway.CreateTenantAsync("curious"));

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the worker without a model did not stop:\n{worker.RecentOutput}");
        Assert.True(worker.ExitCode == 3, $"exit code {worker.ExitCode}\n{worker.RecentOutput}");
        Assert.Contains("kokoro-v1_0.pth", worker.RecentOutput, StringComparison.Ordinal);
        var kokoro = await Eventually.ReturnsAsync(
            async () => (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
                .Single(m => m.GetProperty("id").GetString() == "kokoro").GetProperty("availability"),
            a => a.GetProperty("status").GetString() == "unavailable" && a.GetProperty("reason").GetString()!.Contains("kokoro-v1_0.pth", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "/v1/models to say why kokoro is not served");
        Assert.Contains("does not exist", kokoro.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, kokoro.GetProperty("readyWorkers").GetInt32());
    }
}
