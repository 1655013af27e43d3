using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Batching;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Phonemes;
using AutoScale.Engines.Kokoro.Timing;
using AutoScale.Engines.Kokoro.Weights;
using AutoScale.Interfaces.Voices;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro;

/// <summary>
/// Kokoro-82M behind <see cref="ISpeechEngine"/>: text → eSpeak IPA → Kokoro phonemes in chunks of at most 510 →
/// the model. Chunks of concurrent requests are batched dynamically (<see cref="KokoroOptions"/>): one forward pass
/// serves several users, each chunk's audio the same as it would be alone. Loaded once per process from
/// <see cref="KokoroModelFiles"/>; every batch runs in its own dispose scope (native memory does not grow) and every
/// chunk is seeded, so the same text and voice give the same audio.
/// </summary>
public sealed class KokoroEngine : ISpeechEngine
{
    private readonly KokoroModel _model;
    private readonly VoiceLibrary _voices;
    private readonly KokoroPhonemeMapper _mapper;
    private readonly ESpeakPhonemizer _phonemizer = new();
    private readonly Device _device;
    private readonly long _seed;
    private readonly DynamicBatcher<KokoroUtterance, SpokenChunk> _batcher;

    private KokoroEngine(KokoroModel model, VoiceLibrary voices, Device device, KokoroOptions options)
    {
        _model = model;
        _voices = voices;
        _mapper = new KokoroPhonemeMapper(model.Config);
        _device = device;
        _seed = options.Seed;
        var gpu = device.type == DeviceType.CUDA;
        _batcher = new DynamicBatcher<KokoroUtterance, SpokenChunk>(options.Batching(gpu), u => u.Tokens.Length, RunBatch);
        // One request per call, many calls at once: the batcher groups their chunks.
        Capabilities = new EngineCapabilities(model.Config.SampleRate, MaxConcurrency: options.BatchSizeOn(gpu), MaxBatchSize: 1, device.ToString());
        Voices = [.. voices.Names.Select(Describe)];
    }

    public string Name => "kokoro";

    public EngineCapabilities Capabilities { get; }

    public IReadOnlyList<EngineVoice> Voices { get; }

    /// <summary>Batches run so far and the chunks they held.</summary>
    public (long Batches, long Chunks) BatchTotals => _batcher.Totals;

    /// <summary>Loads the model (strictly) and the voices, then warms up; throws naming every missing file, key or shape.</summary>
    public static KokoroEngine Load(KokoroModelFiles files, KokoroOptions? options = null)
    {
        var problems = files.Inspect();
        if (problems.Count > 0)
        {
            throw new KokoroModelUnavailableException(files.Folder, problems);
        }

        NativeHeap.MapLargeBlocksSeparately();
        var config = KokoroConfig.Load(files.Config);
        var device = TorchRuntime.ChooseDevice();
        var model = new KokoroModel(config);
        using (var checkpoint = KokoroCheckpoint.Read(files.Weights))
        {
            checkpoint.LoadInto(model);
        }

        // The unpickled checkpoint's storages go only with their finalizers: about 300 MB of the official weights.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        model.to(device).eval();
        var engine = new KokoroEngine(model, new VoiceLibrary(files.Voices), device, options ?? new KokoroOptions());
        if (engine.Voices.FirstOrDefault(v => v.IsAvailable) is { } voice)
        {
            // The worker pulls work only after this.
            engine.SynthesizeAsync([new SynthesisRequest("Warm up.", voice.Id, 1.0)], CancellationToken.None).GetAwaiter().GetResult();
        }

        return engine;
    }

    public async Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken)
    {
        var results = new List<SynthesisResult>(batch.Count);
        foreach (var request in batch)
        {
            results.Add(await SpeakAsync(request, cancellationToken));
        }

        return results;
    }

    private async Task<SynthesisResult> SpeakAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        var (voice, language) = Resolve(request.Voice);
        var utterances = new List<KokoroUtterance>();
        var spokenChunks = new List<PhonemeChunk>();
        try
        {
            // eSpeak is not thread-safe (the phonemizer serialises itself); off the caller's thread, as it takes a while.
            var chunks = await Task.Run(() => PhonemeChunker.ForLanguage(_phonemizer, language).Split(request.Text), cancellationToken);
            foreach (var chunk in chunks)
            {
                var tokens = _mapper.Encode(chunk.Phonemes);
                if (tokens.Ids.Count > 0)
                {
                    utterances.Add(new KokoroUtterance([0L, .. tokens.Ids, 0L], StyleOnDevice(voice, tokens.PhonemeCount), request.Speed, _seed));
                    spokenChunks.Add(chunk);
                }
            }

            var spoken = await Task.WhenAll(utterances.Select(u => _batcher.SubmitAsync(u, cancellationToken)));
            return new SynthesisResult([.. spoken.SelectMany(s => s.Audio)], Capabilities.SampleRate, Words(spokenChunks, spoken));
        }
        finally
        {
            foreach (var utterance in utterances)
            {
                utterance.Voice.Dispose();
            }
        }
    }

    /// <summary>The voice's row for this length, as a tensor of its own on the model's device (the caller disposes it).</summary>
    private Tensor StyleOnDevice(VoicePack voice, int phonemeCount)
    {
        var row = voice.StyleFor(phonemeCount);
        var onDevice = row.to(_device);
        if (!ReferenceEquals(row, onDevice))
        {
            row.Dispose();
        }

        return onDevice;
    }

    private IReadOnlyList<SpokenChunk> RunBatch(IReadOnlyList<KokoroUtterance> utterances)
    {
        using var scope = NewDisposeScope();
        return [.. _model.SpeakBatch(utterances).Select(spoken => new SpokenChunk(
            spoken.Audio.cpu().data<float>().ToArray(), spoken.Durations.cpu().data<long>().ToArray()))];
    }

    /// <summary>Every chunk's words (<see cref="WordTimings"/>), moved along by the audio of the chunks before it.</summary>
    private IReadOnlyList<SpokenWord> Words(IReadOnlyList<PhonemeChunk> chunks, IReadOnlyList<SpokenChunk> spoken)
    {
        var words = new List<SpokenWord>();
        var offset = 0.0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var frames = spoken[i].Durations.Sum();
            var seconds = (double)spoken[i].Audio.Length / Capabilities.SampleRate;
            foreach (var word in WordTimings.Of(chunks[i].Pieces, spoken[i].Durations, _mapper.IsToken, frames > 0 ? seconds / frames : 0))
            {
                words.Add(word with { Start = word.Start + offset, End = word.End + offset });
            }

            offset += seconds;
        }

        return words;
    }

    /// <summary>
    /// The voice pack for a voice or a blend (<see cref="VoiceBlend"/>), and the eSpeak language it is phonemized in: a
    /// blend speaks its first voice's language, as Kokoro-FastAPI does.
    /// </summary>
    private (VoicePack Voice, string Language) Resolve(string requested)
    {
        if (!VoiceBlend.TryParse(requested, out var blend, out var error))
        {
            throw new UnknownVoiceException(Name, requested, error.TrimEnd('.'));
        }

        foreach (var part in blend.Parts)
        {
            if (Voices.FirstOrDefault(v => v.Id == part.Voice) is not { } known)
            {
                throw new UnknownVoiceException(Name, part.Voice);
            }

            if (known.UnavailableReason is { } reason)
            {
                throw new UnknownVoiceException(Name, part.Voice, reason);
            }
        }

        return (_voices.Get(requested), KokoroLanguage.ForVoice(blend.Lead).RequireESpeakLanguage());
    }

    private static EngineVoice Describe(string name)
    {
        var language = KokoroLanguage.ForVoice(name);
        return new EngineVoice(name, name, language.ESpeakLanguage is { } espeak ? [espeak] : [], language.UnavailableReason);
    }

    public void Dispose()
    {
        _batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _voices.Dispose();
        _model.Dispose();
    }
}
