using System.Text.Json;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Cluster.RabbitMq;

/// <summary>
/// The wire form of grain calls and their outcomes between silos (JSON). Arguments are read back
/// as the grain method's parameter types, results as its return type; errors keep their meaning
/// (a stale activation or a closing one is retried, a domain error is raised again as itself).
/// </summary>
public sealed class GrainCallCodec(GrainInterfaceMap map, IRemoteErrorCodec? errors = null)
{
    private const string Conflict = "conflict";
    private const string Closed = "closed";
    private const string Domain = "domain";
    private const string Failure = "failure";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>Serialises a call.</summary>
    public byte[] EncodeCall(GrainCall call) => JsonSerializer.SerializeToUtf8Bytes(new CallFrame(
        call.Target.Type,
        call.Target.Key,
        call.Interface,
        call.Method,
        call.Arguments.Select(a => a is null ? Null : JsonSerializer.SerializeToElement(a, a.GetType(), Json)).ToArray()), Json);

    /// <summary>Reads a call, typing each argument as the method's parameter.</summary>
    public GrainCall DecodeCall(ReadOnlySpan<byte> body)
    {
        var frame = JsonSerializer.Deserialize<CallFrame>(body, Json) ?? throw new InvalidDataException("empty call");
        var method = map.Get(frame.Interface).Methods[frame.Method];
        var parameters = method.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length && i < frame.Arguments.Length; i++)
        {
            var element = frame.Arguments[i];
            arguments[i] = element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || i == method.CancellationTokenIndex
                ? null
                : element.Deserialize(parameters[i].ParameterType, Json);
        }

        return new GrainCall(new GrainId(frame.Type, frame.Key), frame.Interface, frame.Method, arguments);
    }

    /// <summary>Serialises a result.</summary>
    public byte[] EncodeResult(object? result) =>
        JsonSerializer.SerializeToUtf8Bytes(new ReplyFrame(true, result is null ? Null : JsonSerializer.SerializeToElement(result, result.GetType(), Json), null, null, null), Json);

    /// <summary>Serialises a failure.</summary>
    public byte[] EncodeError(Exception exception)
    {
        var frame = exception switch
        {
            StorageConflictException => new ReplyFrame(false, Null, Conflict, null, exception.Message),
            ActivationClosedException => new ReplyFrame(false, Null, Closed, null, exception.Message),
            _ when errors?.Encode(exception) is { } domain => new ReplyFrame(false, Null, Domain, domain.Code, domain.Detail),
            _ => new ReplyFrame(false, Null, Failure, null, exception.Message),
        };
        return JsonSerializer.SerializeToUtf8Bytes(frame, Json);
    }

    /// <summary>Reads a reply to <paramref name="call"/>: its result, or raises its error.</summary>
    public object? DecodeReply(GrainCall call, ReadOnlySpan<byte> body)
    {
        var frame = JsonSerializer.Deserialize<ReplyFrame>(body, Json) ?? throw new InvalidDataException("empty reply");
        if (frame.Ok)
        {
            var resultType = map.Get(call.Interface).Methods[call.Method].ResultType;
            return resultType is null || frame.Result.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? null
                : frame.Result.Deserialize(resultType, Json);
        }

        throw frame.Kind switch
        {
            Conflict => new StorageConflictException(call.Target, 0),
            Closed => new ActivationClosedException(call.Target),
            Domain when errors is not null => errors.Decode(frame.Code!, frame.Message ?? string.Empty),
            _ => new InvalidOperationException($"{call.Target}.{call.Method} failed on its owner: {frame.Message}"),
        };
    }

    private sealed record CallFrame(string Type, string Key, string Interface, string Method, JsonElement[] Arguments);

    private sealed record ReplyFrame(bool Ok, JsonElement Result, string? Kind, string? Code, string? Message);
}
