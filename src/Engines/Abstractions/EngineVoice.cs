namespace AutoScale.Engines.Abstractions;

/// <summary>A voice as the engine names it.</summary>
/// <param name="Id">What requests name it by.</param>
/// <param name="Name">Its name for people.</param>
/// <param name="Languages">The languages it speaks (e.g. <c>en-us</c>).</param>
/// <param name="UnavailableReason">Why the engine lists the voice but cannot speak it (e.g. its language needs a phonemizer it lacks); null when it can.</param>
public sealed record EngineVoice(string Id, string Name, IReadOnlyList<string> Languages, string? UnavailableReason = null)
{
    public bool IsAvailable => UnavailableReason is null;
}
