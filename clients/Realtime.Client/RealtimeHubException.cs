namespace Realtime.Client;

/// <summary>
/// An error the hub answered an invocation with. The server writes its errors as
/// <c>code: detail</c> (for example <c>invalid: text is empty</c>); <see cref="Code"/> is the part
/// before the first colon and <see cref="Detail"/> the rest.
/// </summary>
public sealed class RealtimeHubException : Exception
{
    /// <summary>The code used when the server's message carries none (for example a method the hub does not have).</summary>
    public const string UnknownCode = "unknown";

    // With detailed errors on, the server prefixes the exception's message with its own text.
    private const string DetailedErrorMarker = "HubException: ";

    /// <summary>Creates the exception from the error text of a completion.</summary>
    /// <param name="serverMessage">The <c>error</c> field exactly as the server sent it.</param>
    public RealtimeHubException(string serverMessage)
        : base(serverMessage)
    {
        ArgumentNullException.ThrowIfNull(serverMessage);
        (Code, Detail) = Split(serverMessage);
    }

    /// <summary>The error code, one of <see cref="Realtime.Contracts.Errors.ErrorCodes"/> when the
    /// server followed the contract, else <see cref="UnknownCode"/>.</summary>
    public string Code { get; }

    /// <summary>The text after the code, or the whole message when there was no code.</summary>
    public string Detail { get; }

    private static (string Code, string Detail) Split(string message)
    {
        var text = message.AsSpan();
        var marker = text.IndexOf(DetailedErrorMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            text = text[(marker + DetailedErrorMarker.Length)..];
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || !IsCode(text[..colon]))
        {
            return (UnknownCode, message);
        }

        return (text[..colon].ToString(), text[(colon + 1)..].Trim().ToString());
    }

    private static bool IsCode(ReadOnlySpan<char> candidate)
    {
        foreach (var c in candidate)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
