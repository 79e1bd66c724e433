using System.Text.Json;

namespace Realtime.Client.Internal;

/// <summary>Writes the records the client sends (without the trailing separator).</summary>
internal static class HubMessageWriter
{
    public static void WriteInvocation(
        Utf8JsonWriter writer,
        long? invocationId,
        string target,
        ReadOnlySpan<object?> arguments,
        JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, HubProtocol.InvocationType);
        if (invocationId is { } id)
        {
            Span<byte> digits = stackalloc byte[20];
            id.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteString("invocationId"u8, digits[..written]);
        }

        writer.WriteString("target"u8, target);
        writer.WriteStartArray("arguments"u8);
        foreach (var argument in arguments)
        {
            if (argument is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, argument, argument.GetType(), options);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    public static void WriteCompletionError(Utf8JsonWriter writer, string invocationId, string error)
    {
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, HubProtocol.CompletionType);
        writer.WriteString("invocationId"u8, invocationId);
        writer.WriteString("error"u8, error);
        writer.WriteEndObject();
        writer.Flush();
    }
}
