namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>
/// Reads spans out of an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> by walking the wire format for the few
/// fields the tests need (OpenTelemetry.Proto is not available here): resource_spans(1) → resource(1) →
/// attributes(1); scope_spans(2) → spans(2) → trace_id(1), name(5), attributes(9); KeyValue key(1), value(2) →
/// string_value(1).
/// </summary>
public static class OtlpTraceDecoder
{
    public static IEnumerable<OtlpSpan> Decode(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            var resourceAttributes = Fields(resourceSpans, 1).SelectMany(resource => Attributes(resource, 1)).ToDictionary();
            var service = resourceAttributes.GetValueOrDefault("service.name", "");
            foreach (var span in Fields(resourceSpans, 2).SelectMany(scopeSpans => Fields(scopeSpans, 2)))
            {
                var traceId = Convert.ToHexStringLower(Fields(span, 1).Single().Span);
                var name = System.Text.Encoding.UTF8.GetString(Fields(span, 5).SingleOrDefault().Span);
                yield return new OtlpSpan(service, traceId, name, Attributes(span, 9).ToDictionary());
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Attributes(ReadOnlyMemory<byte> message, int field) =>
        from keyValue in Fields(message, field)
        let key = System.Text.Encoding.UTF8.GetString(Fields(keyValue, 1).Single().Span)
        from value in Fields(keyValue, 2)
        from text in Fields(value, 1)
        select new KeyValuePair<string, string>(key, System.Text.Encoding.UTF8.GetString(text.Span));

    /// <summary>The length-delimited occurrences of <paramref name="field"/> in a message; other fields are skipped.</summary>
    private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int field)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message.Span, ref position);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    ReadVarint(message.Span, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref position);
                    if ((int)(tag >> 3) == field)
                    {
                        found.Add(message.Slice(position, length));
                    }

                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {wireType}.");
            }
        }

        return found;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
