using System.Buffers.Text;
using System.Text.Json;

namespace Realtime.Client.Internal;

/// <summary>
/// The fields of one hub message that the client acts on, read with <see cref="Utf8JsonReader"/>
/// in a single pass whatever the field order. Values point into the received bytes: the result
/// and the first argument stay raw JSON so they are deserialized only where they are needed.
/// </summary>
internal ref struct HubRecord
{
    public int Type;
    public bool HasInvocationId;

    /// <summary>The invocation id as a number, or -1 when absent or not a number this client issues.</summary>
    public long InvocationId;

    /// <summary>The invocation id's raw UTF-8 text, empty when absent or escaped.</summary>
    public ReadOnlySpan<byte> InvocationIdUtf8;

    public ReadOnlySpan<char> Target;
    public string? Error;
    public bool AllowReconnect;
    public bool HasResult;
    public ReadOnlySpan<byte> Result;
    public bool HasArgument;
    public ReadOnlySpan<byte> Argument;

    /// <summary>Reads a record; the target is decoded into <paramref name="targetBuffer"/> when it fits.</summary>
    public static HubRecord Parse(ReadOnlySpan<byte> json, Span<char> targetBuffer)
    {
        var record = new HubRecord { Type = -1, InvocationId = -1 };
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("A hub message is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var type))
                {
                    record.Type = type;
                }
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    record.HasInvocationId = true;
                    if (!reader.ValueIsEscaped)
                    {
                        record.InvocationIdUtf8 = reader.ValueSpan;
                        if (Utf8Parser.TryParse(reader.ValueSpan, out long id, out var consumed)
                            && consumed == reader.ValueSpan.Length)
                        {
                            record.InvocationId = id;
                        }
                    }
                }
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (reader.ValueSpan.Length <= targetBuffer.Length)
                    {
                        record.Target = targetBuffer[..reader.CopyString(targetBuffer)];
                    }
                    else
                    {
                        record.Target = reader.GetString();
                    }
                }
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (!record.HasArgument)
                    {
                        record.HasArgument = true;
                        record.Argument = json[start..(int)reader.BytesConsumed];
                    }
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                record.HasResult = true;
                record.Result = json[start..(int)reader.BytesConsumed];
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                record.Error = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("allowReconnect"u8))
            {
                reader.Read();
                record.AllowReconnect = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return record;
    }

    /// <summary>Reads the handshake answer: null when accepted, else the server's error.</summary>
    public static string? ParseHandshakeError(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("The handshake answer is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isError = reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }
}
