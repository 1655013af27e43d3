using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoScale.Interfaces.Voices;

/// <summary>
/// A voice as requests name it: one voice id, or a blend of several. The grammar is Kokoro-FastAPI's and upstream
/// Kokoro's:
/// <list type="number">
/// <item><c>af_bella+af_sky</c>: equal shares;</item>
/// <item><c>af_bella(2)+af_sky(1)</c>: weights, normalised so the shares sum to 1 (a part without one weighs 1);</item>
/// <item><c>af_bella,af_sky</c>: upstream's comma list, the plain mean.</item>
/// </list>
/// A voice named twice has its weights added. The gateway and the worker parse the same text with this type, so what
/// the gateway accepts is what the engine speaks.
/// </summary>
public sealed partial class VoiceBlend
{
    /// <summary>The most voices one blend may mix.</summary>
    public const int MaxParts = 8;

    /// <summary>The largest weight a part may carry.</summary>
    public const double MaxWeight = 1000;

    private VoiceBlend(IReadOnlyList<VoiceBlendPart> parts) => Parts = parts;

    /// <summary>The voices in the order first named, each with its share.</summary>
    public IReadOnlyList<VoiceBlendPart> Parts { get; }

    /// <summary>Whether only one voice is named (its weight, if given, does not matter).</summary>
    public bool IsSingle => Parts.Count == 1;

    /// <summary>The first voice named: blends speak in its language, as Kokoro-FastAPI does.</summary>
    public string Lead => Parts[0].Voice;

    /// <summary>
    /// One spelling per mix (<c>af_bella(0.666667)+af_sky(0.333333)</c>; a single voice is its id), so equal mixes
    /// written differently share a cache entry.
    /// </summary>
    public string Canonical => IsSingle
        ? Lead
        : string.Join('+', Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Voice}({p.Share:0.######})")));

    /// <summary>Parses <paramref name="text"/>, or says in <paramref name="error"/> what is wrong with it.</summary>
    public static bool TryParse(string? text, out VoiceBlend blend, out string error)
    {
        blend = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A voice is required.";
            return false;
        }

        var plus = text.Contains('+', StringComparison.Ordinal);
        var comma = text.Contains(',', StringComparison.Ordinal);
        if (plus && comma)
        {
            error = $"Voice '{text}' mixes '+' and ','; blend with '+' (weights in parentheses) or list with ',', not both.";
            return false;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var token in text.Split(comma ? ',' : '+'))
        {
            var match = Part().Match(token);
            if (!match.Success)
            {
                error = token.Trim().Length == 0
                    ? $"Voice '{text}' has an empty part; write voices as 'af_bella+af_sky' or 'af_bella(2)+af_sky(1)'."
                    : $"'{token.Trim()}' in voice '{text}' is not a voice id with an optional weight such as 'af_bella' or 'af_bella(2)'.";
                return false;
            }

            var weight = 1.0;
            if (match.Groups["weight"].Success
                && !(double.TryParse(match.Groups["weight"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight)
                     && weight > 0 && weight <= MaxWeight))
            {
                error = $"The weight of '{match.Groups["voice"].Value}' in voice '{text}' must be a number above 0 and at most {MaxWeight}.";
                return false;
            }

            var voice = match.Groups["voice"].Value;
            if (!weights.TryAdd(voice, weight))
            {
                weights[voice] += weight;
            }
            else
            {
                order.Add(voice);
            }
        }

        if (order.Count > MaxParts)
        {
            error = $"Voice '{text}' blends {order.Count} voices; at most {MaxParts} may be mixed.";
            return false;
        }

        var total = weights.Values.Sum();
        blend = new VoiceBlend([.. order.Select(v => new VoiceBlendPart(v, weights[v] / total))]);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">It is not a voice or a blend of voices.</exception>
    public static VoiceBlend Parse(string text) =>
        TryParse(text, out var blend, out var error) ? blend : throw new FormatException(error);

    public override string ToString() => Canonical;

    [GeneratedRegex(@"^\s*(?<voice>[a-z0-9][a-z0-9_-]{0,63})\s*(\(\s*(?<weight>[0-9]+(\.[0-9]+)?)\s*\))?\s*$")]
    private static partial Regex Part();
}
