using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// Seeded generator of hostile request bodies: objects with the route's fields (and others) set to hostile values of
/// any type, then sometimes mangled as bytes (truncated, invalid UTF-8 spliced in, raw control characters, garbage).
/// </summary>
public sealed class HostileBodies(int seed)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Text a client may send that must be taken as plain text: markup, SQL, script, odd Unicode.</summary>
    public static readonly string[] PlainTextLookalikes =
    [
        """<speak><prosody rate="x-fast">Hello</prosody><break time="100s"/><audio src="http://169.254.169.254/"/></speak>""",
        """<script>alert(document.cookie)</script><img src=x onerror=alert(1)>""",
        "Robert'); DROP TABLE jobs; --",
        "' OR '1'='1' UNION SELECT api_key_hash FROM tenants --",
        "\"; SELECT pg_sleep(30); --",
        "{{7*7}} ${jndi:ldap://127.0.0.1/a} $(rm -rf /) `id`",
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
        "Zero\u200Bwidth\u200Dand\u202Eright-to-left\u202C text, combining e\u0301\u0301\u0301, emoji 👩‍👩‍👧",
        "Tab\tand\r\nnew lines\u000bvertical\u000cfeed",
        "%00%2e%2e%2f..\\..\\windows\\win.ini",
    ];

    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u0007\u001b[31m\u007f", "\ufeff", "\uffff\ufffe", "𝕳𝖊𝖑𝖑𝖔",
        "../../etc/passwd", "null", "true", "0", "-1", "NaN", "1e309",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    /// <summary>One hostile body for a route whose object has <paramref name="fields"/>.</summary>
    /// <param name="fields">The route's field names.</param>
    /// <param name="valid">A valid JSON value for some fields, used two times in three, so that cases also reach past validation.</param>
    public byte[] Body(IReadOnlyList<string> fields, IReadOnlyDictionary<string, string>? valid = null)
    {
        var json = _random.Next(10) switch
        {
            0 => JsonValue(0),
            1 => DepthBomb(),
            _ => Object(fields, valid ?? new Dictionary<string, string>()),
        };
        var bytes = Encoding.UTF8.GetBytes(json);
        return _random.Next(4) == 0 ? Mangle(bytes) : bytes;
    }

    /// <summary>A hostile string value: a look-alike, a short oddity, a huge run, or random code points.</summary>
    public string Text() => _random.Next(6) switch
    {
        0 => PlainTextLookalikes[_random.Next(PlainTextLookalikes.Length)],
        1 => HostileStrings[_random.Next(HostileStrings.Length)],
        2 => new string((char)('a' + _random.Next(26)), _random.Next(2) == 0 ? 5_001 : 70_000),
        3 => RandomCodePoints(_random.Next(1, 60)),
        _ => "Hello there. " + PlainTextLookalikes[_random.Next(PlainTextLookalikes.Length)],
    };

    private string Object(IReadOnlyList<string> fields, IReadOnlyDictionary<string, string> valid)
    {
        var members = new List<string>();
        foreach (var field in fields)
        {
            if (valid.TryGetValue(field, out var good) && _random.Next(3) != 0)
            {
                members.Add($"{Quote(field)}:{good}");
            }
            else if (valid.Count == 0 ? _random.Next(4) != 0 : _random.Next(3) == 0)
            {
                members.Add($"{Quote(field)}:{JsonValue(0)}");
            }
        }

        if (_random.Next(4) == 0)
        {
            var name = _random.Next(3) == 0 ? fields[0] : Text();
            members.Add($"{Quote(name.Length > 200 ? name[..200] : name)}:{JsonValue(0)}");
        }

        return "{" + string.Join(",", members.OrderBy(_ => _random.Next())) + "}";
    }

    private string JsonValue(int depth) => _random.Next(depth > 2 ? 7 : 10) switch
    {
        0 or 1 or 2 => Quote(Text()),
        3 => Number(),
        4 => _random.Next(2) == 0 ? "true" : "false",
        5 => "null",
        6 => @"""\ud800 lone \udfff surrogates""",
        7 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => JsonValue(depth + 1))) + "]",
        8 => "{" + string.Join(",", Enumerable.Range(0, _random.Next(3)).Select(i => $"\"k{i}\":{JsonValue(depth + 1)}")) + "}",
        _ => DepthBomb(),
    };

    private string Number() => _random.Next(8) switch
    {
        0 => "0",
        1 => "-1",
        2 => "1e309",
        3 => "-0.0000000000000000000001",
        4 => "99999999999999999999999999999",
        5 => _random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
        6 => "2147483648",
        _ => _random.Next(-5, 20).ToString(CultureInfo.InvariantCulture),
    };

    private string DepthBomb()
    {
        var depth = _random.Next(2) == 0 ? 70 : 5_000;
        return _random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private byte[] Mangle(byte[] bytes)
    {
        var list = bytes.ToList();
        switch (_random.Next(5))
        {
            case 0:
                return [.. list.Take(_random.Next(list.Count + 1))];
            case 1:
                // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', an encoded surrogate, 0xFF.
                byte[][] invalid = [[0x80], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80]];
                list.InsertRange(_random.Next(list.Count + 1), invalid[_random.Next(invalid.Length)]);
                return [.. list];
            case 2:
                list.Insert(_random.Next(list.Count + 1), (byte)_random.Next(0, 32));
                return [.. list];
            case 3:
                var garbage = new byte[_random.Next(1, 200)];
                _random.NextBytes(garbage);
                return garbage;
            default:
                var at = _random.Next(list.Count + 1);
                list.InsertRange(at, "\"text\":\"\u0000\","u8.ToArray());
                return [.. list];
        }
    }

    private string RandomCodePoints(int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var codePoint = _random.Next(4) switch
            {
                0 => _random.Next(0, 0x20),
                1 => _random.Next(0x20, 0x7F),
                2 => _random.Next(0x80, 0xD800),
                _ => _random.Next(0xE000, 0x110000),
            };
            builder.Append(char.ConvertFromUtf32(codePoint));
        }

        return builder.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, Relaxed);
}
