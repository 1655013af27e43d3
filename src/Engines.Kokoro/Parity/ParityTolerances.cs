using System.Globalization;
using System.Text.Json;

namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>
/// The bounds a parity fixture brings in its <c>tolerances.json</c>: max abs errors for durations (<c>"exact"</c> is 0),
/// unrounded durations, F0 and N; max abs, minimum SNR and minimum correlation for the canonical audio.
/// </summary>
internal sealed record ParityTolerances(
    double DurationMaxAbs,
    double RawDurationMaxAbs,
    double F0MaxAbs,
    double NMaxAbs,
    double AudioMaxAbs,
    double AudioSnrDbMin,
    double AudioCorrelationMin)
{
    public static ParityTolerances Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var audio = Property(root, "audio_canonical");
        return new ParityTolerances(
            Bound(root, "dur"),
            Bound(root, "dur_raw_max_abs"),
            Bound(root, "F0_max_abs"),
            Bound(root, "N_max_abs"),
            Bound(audio, "max_abs"),
            Bound(audio, "snr_db_min"),
            Bound(audio, "correlation_min"));
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"tolerances.json has no \"{name}\".");

    private static double Bound(JsonElement element, string name)
    {
        var value = Property(element, name);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when value.GetString() == "exact" => 0,
            JsonValueKind.String => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            _ => throw new FormatException($"tolerances.json: \"{name}\" is neither a number nor \"exact\"."),
        };
    }
}
