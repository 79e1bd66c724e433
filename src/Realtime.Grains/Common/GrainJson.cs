using System.Text.Json;

namespace Realtime.Grains.Common;

/// <summary>How grains write log payloads: the wire's camelCase, so a stored line reads like a sent one.</summary>
internal static class GrainJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("Empty log payload.");
}
