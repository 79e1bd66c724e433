using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Hosting.Hubs;

/// <summary>
/// Reads hub string arguments. System.Text.Json refuses a JSON string that escapes a lone surrogate
/// (<c>"\ud800"</c>, which a browser's <c>JSON.stringify</c> writes for broken text), so such a call
/// failed in argument binding with an error that carries no contract code. This reads the string
/// as sent, lone surrogate included, and leaves the verdict to the hub's own checks, which answer
/// <c>invalid:</c> (ids, languages and texts all reject lone surrogates).
/// </summary>
internal sealed class WellFormedStringConverter : JsonConverter<string>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, got {reader.TokenType}");
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException) when (reader.ValueIsEscaped)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            try
            {
                return Unescape(raw);
            }
            catch (DecoderFallbackException e)
            {
                throw new JsonException("the string is not valid UTF-8", e);
            }
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // The reader has already checked the escapes' syntax; only lone surrogates brought us here.
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                text.Append(StrictUtf8.GetString(raw));
                break;
            }

            text.Append(StrictUtf8.GetString(raw[..backslash]));
            var escape = (char)raw[backslash + 1];
            if (escape == 'u')
            {
                text.Append((char)ushort.Parse(raw.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                raw = raw[(backslash + 6)..];
                continue;
            }

            text.Append(escape switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => escape,
            });
            raw = raw[(backslash + 2)..];
        }

        return text.ToString();
    }
}
