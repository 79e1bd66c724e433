using System.Net;

namespace Realtime.Client;

/// <summary>A REST call of the silo answered with a non-success status, with its problem document when it sent one.</summary>
public sealed class RealtimeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="code">The problem document's <c>code</c> (for example <c>invalid</c>), or null.</param>
    /// <param name="detail">The problem document's <c>detail</c>, else the body's text, or null.</param>
    public RealtimeApiException(HttpStatusCode statusCode, string? code, string? detail)
        : base($"The silo answered {(int)statusCode} ({statusCode}){(code is null ? string.Empty : $" {code}")}"
            + (string.IsNullOrEmpty(detail) ? "." : $": {detail}"))
    {
        StatusCode = statusCode;
        Code = code;
        Detail = detail;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem document's code, one of <see cref="Realtime.Contracts.Errors.ErrorCodes"/>, or null.</summary>
    public string? Code { get; }

    /// <summary>What went wrong, as the silo put it, or null.</summary>
    public string? Detail { get; }
}
