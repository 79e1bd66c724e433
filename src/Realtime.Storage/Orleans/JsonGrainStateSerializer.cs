using System.Text.Json;
using Orleans.Storage;

namespace Realtime.Storage.Orleans;

/// <summary>
/// Grain state as plain JSON (System.Text.Json, web defaults): readable in the database, and free
/// of .NET type names, so renaming a state class does not make stored state unreadable.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(Options) ?? throw new InvalidDataException($"Stored state of {typeof(T).Name} is empty.");
}
