using Orleans;
using Realtime.Contracts.Errors;

namespace Realtime.Grains.Common;

/// <summary>
/// A refusal the caller can act on: <see cref="Code"/> is one of <see cref="ErrorCodes"/> and the
/// message reads <c>code: detail</c>, the form hub errors take on the wire. It crosses silos intact.
/// </summary>
[GenerateSerializer]
[Alias("realtime.RealtimeException")]
public sealed class RealtimeException : Exception
{
    public RealtimeException(string code, string detail)
        : base($"{code}: {detail}")
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>The error code, e.g. <c>not_found</c>.</summary>
    [Id(0)]
    public string Code { get; private set; }

    /// <summary>The human-readable part.</summary>
    [Id(1)]
    public string Detail { get; private set; }

    public static RealtimeException Invalid(string detail) => new(ErrorCodes.Invalid, detail);

    public static RealtimeException NotFound(string detail) => new(ErrorCodes.NotFound, detail);

    public static RealtimeException Forbidden(string detail) => new(ErrorCodes.Forbidden, detail);

    public static RealtimeException Conflict(string detail) => new(ErrorCodes.Conflict, detail);
}
