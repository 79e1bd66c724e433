using Realtime.Contracts.Errors;

namespace Realtime.Grains.Common;

/// <summary>
/// A refusal the caller can act on: <see cref="Code"/> is one of <see cref="ErrorCodes"/> and the
/// message reads <c>code: detail</c>, the form hub errors take on the wire.
/// </summary>
public sealed class RealtimeException(string code, string detail) : Exception($"{code}: {detail}")
{
    /// <summary>The error code, e.g. <c>not_found</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The human-readable part.</summary>
    public string Detail { get; } = detail;

    public static RealtimeException Invalid(string detail) => new(ErrorCodes.Invalid, detail);

    public static RealtimeException NotFound(string detail) => new(ErrorCodes.NotFound, detail);

    public static RealtimeException Forbidden(string detail) => new(ErrorCodes.Forbidden, detail);

    public static RealtimeException Conflict(string detail) => new(ErrorCodes.Conflict, detail);
}
