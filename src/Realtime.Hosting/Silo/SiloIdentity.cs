using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.Silo;

/// <summary>This silo's id: configured, or the machine name and the port it listens on.</summary>
public sealed class SiloIdentity(IOptions<SiloOptions> options, IServer server)
{
    private string? _id;

    /// <summary>The id, fixed at first use (after the server has bound its port).</summary>
    public string Id => _id ??= options.Value.SiloId is { Length: > 0 } configured ? configured : Derive();

    private string Derive()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = address is not null && Uri.TryCreate(address.Replace("*", "localhost").Replace("+", "localhost"), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Environment.MachineName + "-" + port;
    }
}
