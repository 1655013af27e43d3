namespace AutoScale.Interfaces.Catalogue;

/// <summary>A voice a worker's engine has, as the worker reports it to the catalogue.</summary>
[GenerateSerializer, Immutable, Alias("reported-voice")]
public sealed record ReportedVoice
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>The languages it speaks (eSpeak NG names, e.g. <c>en-us</c>).</summary>
    [Id(1)] public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Why the engine lists it but cannot speak it; null when it can.</summary>
    [Id(2)] public string? UnavailableReason { get; init; }

    public bool IsAvailable => UnavailableReason is null;
}
