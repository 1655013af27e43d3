namespace AutoScale.Models.HuggingFace;

/// <summary>The hub did not answer at all (no route, no name, refused, silent): nothing else will get through either.</summary>
public sealed class HubUnreachableException(string endpoint, string reason, Exception? inner = null)
    : Exception($"Cannot reach {endpoint} ({reason})", inner);
