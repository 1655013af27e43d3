namespace AutoScale.Engines.ESpeak;

/// <summary>A language a library voice speaks; a lower <paramref name="Priority"/> means the voice is preferred for it.</summary>
internal readonly record struct ESpeakLanguage(int Priority, string Code);
