namespace Realtime.Hosting.Silo;

/// <summary>Settings of this silo (section <c>Realtime</c>).</summary>
public sealed class SiloOptions
{
    /// <summary>This silo's name in the cluster; default: machine name and port.</summary>
    public string? SiloId { get; set; }

    /// <summary>The folder for the SQLite file and the generated signing key.</summary>
    public string? DataPath { get; set; }

    /// <summary>Largest hub message a client may send, in bytes.</summary>
    public long MaximumReceiveMessageSize { get; set; } = 32 * 1024;
}
