using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AutoScale.Engines.Abstractions;
using Microsoft.Extensions.Logging;

namespace AutoScale.Engines.ESpeak;

/// <summary>
/// eSpeak NG through <c>libespeak-ng.so.1</c> in synchronous mode: 22050 Hz mono, one request at a time.
/// </summary>
/// <remarks>
/// The library keeps its voice, parameters and output buffer in process globals and cannot be initialised again after
/// <c>espeak_Terminate</c> (a second terminate hangs), so a process gets exactly one instance, for its lifetime;
/// register it as a singleton. Every native call — initialise, voice, rate, synthesis, terminate — runs under one
/// process-wide lock, so concurrent callers queue, and a queued caller can still cancel.
/// Speed maps linearly to words per minute (1.0 → 175, eSpeak's normal rate) and is clamped to the library's
/// 80–450 wpm: speeds below about 0.46 sound like 0.46 and speeds above about 2.57 like 2.57.
/// </remarks>
public sealed partial class ESpeakEngine : ISpeechEngine
{
    private const string InstallHint = "apt-get install libespeak-ng1 espeak-ng-data";

    private static readonly SemaphoreSlim _nativeLock = new(1, 1);

    // Written by the synthesis callback, which eSpeak calls on the thread inside espeak_Synth, under _nativeLock.
    private static readonly List<short> _samples = [];
    private static readonly List<(int Position, int Length, int Milliseconds)> _words = [];
    private static Exception? _callbackFailure;

    private static int _created;

    private readonly ESpeakVoiceCatalog _catalog;
    private string? _currentIdentifier;
    private int _disposed;

    /// <exception cref="InvalidOperationException">An instance was already created in this process, or the data is missing.</exception>
    /// <exception cref="DllNotFoundException">libespeak-ng.so.1 is not installed.</exception>
    public ESpeakEngine(ILogger<ESpeakEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (Interlocked.Exchange(ref _created, 1) != 0)
        {
            throw new InvalidOperationException(
                "eSpeak NG keeps global state and cannot be initialised twice, so a process has one ESpeakEngine: register it as a singleton.");
        }

        _nativeLock.Wait();
        try
        {
            var (sampleRate, version, dataPath) = Initialize();
            _catalog = ESpeakVoiceCatalog.Build(ESpeakNative.ReadVoices());
            if (_catalog.Voices.Count == 0)
            {
                throw new InvalidOperationException($"eSpeak NG lists no voices in {dataPath}: {InstallHint}");
            }

            Capabilities = new EngineCapabilities(sampleRate, MaxConcurrency: 1, MaxBatchSize: 1, Device: "cpu");
            LogInitialised(logger, version, dataPath, sampleRate, _catalog.Voices.Count);
        }
        finally
        {
            _nativeLock.Release();
        }
    }

    public string Name => "espeak";

    public EngineCapabilities Capabilities { get; }

    public IReadOnlyList<EngineVoice> Voices => _catalog.Voices;

    /// <summary>Runs the requests one after another (any batch size is accepted); cancellation is checked before each.</summary>
    /// <exception cref="UnknownVoiceException">A request names a voice not in <see cref="Voices"/>; nothing is synthesised.</exception>
    public async Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var identifiers = new string[batch.Count];
        for (var index = 0; index < batch.Count; index++)
        {
            var request = batch[index];
            ArgumentNullException.ThrowIfNull(request);
            if (!_catalog.TryGetIdentifier(request.Voice ?? string.Empty, out var identifier))
            {
                throw new UnknownVoiceException(Name, request.Voice ?? string.Empty);
            }

            if (!double.IsFinite(request.Speed) || request.Speed <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(batch), request.Speed, "Speed must be a positive number.");
            }

            identifiers[index] = identifier;
        }

        var results = new SynthesisResult[batch.Count];
        for (var index = 0; index < batch.Count; index++)
        {
            var request = batch[index];
            var identifier = identifiers[index];
            await _nativeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                results[index] = await Task.Run(() => SynthesizeLocked(request.Text, identifier, request.Speed), cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                _nativeLock.Release();
            }
        }

        return results;
    }

    /// <summary>
    /// Refuses further synthesis. It does not call <c>espeak_Terminate</c>: a worker that called it while stopping
    /// was seen to die with SIGABRT (exit 134) instead of exiting cleanly, and the library's global state is freed
    /// with the process anyway.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for a synthesis in flight, so it is not cut off by the process exit that usually follows.
        _nativeLock.Wait();
        _nativeLock.Release();
    }

    /// <summary>Words per minute for a speed: 1.0 is eSpeak's normal 175 wpm, clamped to its 80–450 range.</summary>
    internal static int RateFor(double speed) =>
        Math.Clamp((int)Math.Round(ESpeakNative.RateNormal * speed, MidpointRounding.AwayFromZero), ESpeakNative.RateMinimum, ESpeakNative.RateMaximum);

    private static unsafe (int SampleRate, string Version, string DataPath) Initialize()
    {
        int sampleRate;
        try
        {
            sampleRate = ESpeakNative.Initialize(ESpeakNative.AudioOutputSynchronous, 0, null, ESpeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException exception)
        {
            Volatile.Write(ref _created, 0);
            throw new DllNotFoundException($"{ESpeakNative.LibraryName} not found: {InstallHint}", exception);
        }

        byte* dataPath = null;
        var version = ESpeakNative.ReadUtf8(ESpeakNative.Info(&dataPath));
        var path = ESpeakNative.ReadUtf8(dataPath);

        // With the data directory missing, 1.51 prints an error and returns 0 rather than the documented -1.
        if (sampleRate <= 0)
        {
            throw new InvalidOperationException($"eSpeak NG data not found (looked in {path}): {InstallHint}");
        }

        ESpeakNative.SetSynthCallback(&OnSynthesized);
        return (sampleRate, version, path);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnSynthesized(short* wav, int sampleCount, void* events)
    {
        // An exception must not cross back into native code, so it is kept for the caller and synthesis aborted.
        try
        {
            if (wav != null && sampleCount > 0)
            {
                _samples.AddRange(new ReadOnlySpan<short>(wav, sampleCount));
            }

            for (var @event = (ESpeakEvent*)events; @event != null && @event->Type != ESpeakEvent.ListTerminated; @event++)
            {
                if (@event->Type == ESpeakEvent.Word)
                {
                    _words.Add((@event->TextPosition, @event->Length, @event->AudioPosition));
                }
            }

            return 0;
        }
        catch (Exception exception)
        {
            _callbackFailure = exception;
            return 1;
        }
    }

    private unsafe SynthesisResult SynthesizeLocked(string? text, string identifier, double speed)
    {
        if (_currentIdentifier != identifier)
        {
            Check(ESpeakNative.SetVoiceByName(identifier), $"espeak_SetVoiceByName({identifier})");
            _currentIdentifier = identifier;
        }

        Check(ESpeakNative.SetParameter(ESpeakNative.ParameterRate, RateFor(speed), 0), "espeak_SetParameter(rate)");

        // A NUL would end the C string early.
        var spoken = (text ?? string.Empty).Replace('\0', ' ');
        var utf8 = Encoding.UTF8.GetBytes(spoken + "\0");
        _samples.Clear();
        _words.Clear();
        _callbackFailure = null;
        try
        {
            fixed (byte* start = utf8)
            {
                // No espeakSSML or espeakPHONEMES: markup and [[ ]] are read as plain text. The end pause keeps
                // sentence-sized chunks apart when they are concatenated.
                var status = ESpeakNative.Synth(
                    start, (nuint)utf8.Length, 0, ESpeakNative.PositionCharacter, 0,
                    ESpeakNative.CharsUtf8 | ESpeakNative.EndPause, null, null);
                Check(status, "espeak_Synth");
            }

            if (_callbackFailure is { } failure)
            {
                throw new InvalidOperationException("Collecting eSpeak NG audio failed.", failure);
            }

            var pcm = CollectionsMarshal.AsSpan(_samples);
            var samples = new float[pcm.Length];
            for (var index = 0; index < pcm.Length; index++)
            {
                samples[index] = pcm[index] / 32768f;
            }

            var seconds = (double)samples.Length / Capabilities.SampleRate;
            return new SynthesisResult(samples, Capabilities.SampleRate, ESpeakWordEvents.ToWords(spoken, _words, seconds));
        }
        finally
        {
            _samples.Clear();
            _words.Clear();
        }
    }

    private static void Check(int status, string call)
    {
        if (status != ESpeakNative.Ok)
        {
            throw new InvalidOperationException($"{call} failed with eSpeak NG error {status}.");
        }
    }
}
