namespace Realtime.Client.Internal;

/// <summary>Constants of the SignalR JSON hub protocol (version 1).</summary>
internal static class HubProtocol
{
    /// <summary>Ends every JSON record, the handshake included.</summary>
    public const byte RecordSeparator = 0x1E;

    public const int InvocationType = 1;
    public const int CompletionType = 3;
    public const int PingType = 6;
    public const int CloseType = 7;

    /// <summary>The error a client answers with when the server asks it for a result it does not provide.</summary>
    public const string NoClientResultError = "Client didn't provide a result.";

    public static readonly byte[] HandshakeRequest = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();

    public static readonly byte[] PingRecord = "{\"type\":6}\u001e"u8.ToArray();
}
