namespace AutoScale.Engines.ESpeak;

/// <summary>A voice as <c>espeak_ListVoices</c> reports it.</summary>
/// <param name="Name">Human name, e.g. <c>English (America)</c>.</param>
/// <param name="Identifier">Path under the data's voice directory, e.g. <c>gmw/en-US</c>; selects exactly this voice.</param>
/// <param name="Languages">The languages it speaks, in the library's order.</param>
internal sealed record ESpeakLibraryVoice(string Name, string Identifier, IReadOnlyList<ESpeakLanguage> Languages);
