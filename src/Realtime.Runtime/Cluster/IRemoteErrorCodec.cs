namespace Realtime.Runtime.Cluster;

/// <summary>
/// Carries domain errors across silos: the domain says which exceptions are answers a caller acts
/// on (with a code and a detail) and how to raise them again on the calling silo.
/// </summary>
public interface IRemoteErrorCodec
{
    /// <summary>The code and detail of a domain error, or null for anything else.</summary>
    (string Code, string Detail)? Encode(Exception exception);

    /// <summary>The exception to raise for a domain error received from another silo.</summary>
    Exception Decode(string code, string detail);
}
