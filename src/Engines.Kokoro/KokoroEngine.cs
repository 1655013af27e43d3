using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Phonemes;
using AutoScale.Engines.Kokoro.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro;

/// <summary>
/// Kokoro-82M behind <see cref="ISpeechEngine"/>: text → eSpeak IPA → Kokoro phonemes in chunks of at most 510 →
/// the model, one chunk at a time, the voice's style row picked by each chunk's phoneme count. Loaded once per
/// process from <see cref="KokoroModelFiles"/>; inference runs one request at a time, each in its own dispose scope
/// (native memory does not grow) and seeded, so the same text and voice give the same audio.
/// </summary>
public sealed class KokoroEngine : ISpeechEngine
{
    private readonly KokoroModel _model;
    private readonly VoiceLibrary _voices;
    private readonly KokoroPhonemeMapper _mapper;
    private readonly ESpeakPhonemizer _phonemizer = new();
    private readonly Device _device;
    private readonly long _seed;
    private readonly Lock _gate = new();

    private KokoroEngine(KokoroModel model, VoiceLibrary voices, Device device, long seed)
    {
        _model = model;
        _voices = voices;
        _mapper = new KokoroPhonemeMapper(model.Config);
        _device = device;
        _seed = seed;
        Capabilities = new EngineCapabilities(model.Config.SampleRate, MaxConcurrency: 1, MaxBatchSize: 1, device.ToString());
        Voices = [.. voices.Names.Select(name => new EngineVoice(name, name, [Language(name)]))];
    }

    public string Name => "kokoro";

    public EngineCapabilities Capabilities { get; }

    public IReadOnlyList<EngineVoice> Voices { get; }

    /// <summary>Loads the model (strictly) and the voices; throws naming every missing file, key or shape.</summary>
    public static KokoroEngine Load(KokoroModelFiles files, long seed = 0)
    {
        var problems = files.Inspect();
        if (problems.Count > 0)
        {
            throw new KokoroModelUnavailableException(files.Folder, problems);
        }

        var config = KokoroConfig.Load(files.Config);
        var device = TorchRuntime.ChooseDevice();
        var model = new KokoroModel(config);
        using (var checkpoint = KokoroCheckpoint.Read(files.Weights))
        {
            checkpoint.LoadInto(model);
        }

        model.to(device).eval();
        var engine = new KokoroEngine(model, new VoiceLibrary(files.Voices), device, seed);
        if (engine.Voices.Count > 0)
        {
            engine.Speak(new SynthesisRequest("Warm up.", engine.Voices[0].Id, 1.0)); // the worker pulls work only after this
        }

        return engine;
    }

    public Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<SynthesisResult>>(() => [.. batch.Select(Speak)], cancellationToken);

    private SynthesisResult Speak(SynthesisRequest request)
    {
        if (!_voices.Names.Contains(request.Voice))
        {
            throw new UnknownVoiceException(Name, request.Voice);
        }

        lock (_gate)
        {
            var voice = _voices.Get(request.Voice);
            var samples = new List<float>();
            foreach (var chunk in PhonemeChunker.ForLanguage(_phonemizer, Language(request.Voice)).Split(request.Text))
            {
                using var scope = NewDisposeScope();
                var tokens = _mapper.Encode(chunk.Phonemes);
                if (tokens.Ids.Count == 0)
                {
                    continue;
                }

                var ids = tensor([0L, .. tokens.Ids, 0L], device: _device).unsqueeze(0);
                manual_seed(_seed);
                var (audio, _) = _model.Speak(ids, voice.StyleFor(tokens.PhonemeCount).to(_device), request.Speed);
                samples.AddRange(audio.cpu().data<float>());
            }

            return new SynthesisResult([.. samples], Capabilities.SampleRate);
        }
    }

    private static string Language(string voice) => ESpeakPhonemizer.LanguageForVoice(voice);

    public void Dispose()
    {
        _voices.Dispose();
        _model.Dispose();
    }
}
