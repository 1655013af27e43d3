using System.Diagnostics.CodeAnalysis;
using AutoScale.Engines.Abstractions;

namespace AutoScale.Engines.ESpeak;

/// <summary>
/// Turns the library's voice list into voice ids. Every voice is listed under its file name, lower-cased (the last part
/// of its identifier: <c>gmw/en-US</c> → <c>en-us</c>, <c>roa/fr</c> → <c>fr</c>), which is what <c>espeak-ng -v</c>
/// takes. Every language code the data lists that is not already a file name is also an id, for the voice the data
/// prefers for it (lowest priority byte, ties to the earlier voice): <c>en-gb</c> → <c>gmw/en</c>, <c>fr-fr</c> →
/// <c>roa/fr</c>, <c>zh</c> → <c>sit/cmn</c>. Such a voice appears once per id. <c>espeak_SetVoiceByName</c> itself does
/// not accept language codes, so the engine always selects a voice by its full identifier.
/// </summary>
internal sealed class ESpeakVoiceCatalog
{
    private readonly Dictionary<string, string> _identifiers;

    private ESpeakVoiceCatalog(IReadOnlyList<EngineVoice> voices, Dictionary<string, string> identifiers)
    {
        Voices = voices;
        _identifiers = identifiers;
    }

    /// <summary>Every id, in the library's voice order, each voice's file name first and then the languages it wins.</summary>
    public IReadOnlyList<EngineVoice> Voices { get; }

    /// <summary>Finds the library identifier for a voice id (case-insensitive, as language tags are).</summary>
    public bool TryGetIdentifier(string voiceId, [NotNullWhen(true)] out string? identifier) =>
        _identifiers.TryGetValue(voiceId, out identifier);

    public static ESpeakVoiceCatalog Build(IReadOnlyList<ESpeakLibraryVoice> libraryVoices)
    {
        var fileIds = new string[libraryVoices.Count];
        var voiceByFileId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < libraryVoices.Count; index++)
        {
            var identifier = libraryVoices[index].Identifier;
            var fileName = identifier[(identifier.LastIndexOf('/') + 1)..].ToLowerInvariant();
            fileIds[index] = voiceByFileId.TryAdd(fileName, index) ? fileName : identifier.ToLowerInvariant();
            voiceByFileId.TryAdd(fileIds[index], index);
        }

        var bestForLanguage = new Dictionary<string, (int Priority, int Voice)>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < libraryVoices.Count; index++)
        {
            foreach (var language in libraryVoices[index].Languages)
            {
                if (voiceByFileId.ContainsKey(language.Code))
                {
                    continue;
                }

                if (!bestForLanguage.TryGetValue(language.Code, out var best) || language.Priority < best.Priority)
                {
                    bestForLanguage[language.Code] = (language.Priority, index);
                }
            }
        }

        var voices = new List<EngineVoice>();
        var identifiers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < libraryVoices.Count; index++)
        {
            var voice = libraryVoices[index];
            var languages = voice.Languages.Select(language => language.Code.ToLowerInvariant()).Distinct().ToArray();
            foreach (var id in languages.Where(code => bestForLanguage.TryGetValue(code, out var best) && best.Voice == index).Prepend(fileIds[index]))
            {
                if (identifiers.TryAdd(id, voice.Identifier))
                {
                    voices.Add(new EngineVoice(id, voice.Name, languages));
                }
            }
        }

        return new ESpeakVoiceCatalog(voices, identifiers);
    }
}
