using Realtime.Runtime.Cluster;

namespace Realtime.Grains.Common;

/// <summary>Carries <see cref="RealtimeException"/>s (refusals with a contract code) between silos.</summary>
public sealed class RealtimeErrorCodec : IRemoteErrorCodec
{
    /// <inheritdoc />
    public (string Code, string Detail)? Encode(Exception exception) =>
        exception is RealtimeException e ? (e.Code, e.Detail) : null;

    /// <inheritdoc />
    public Exception Decode(string code, string detail) => new RealtimeException(code, detail);
}
