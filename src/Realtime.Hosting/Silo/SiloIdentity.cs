using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.Silo;

/// <summary>
/// This silo's id: configured (<c>Realtime:SiloId</c>), or the machine name and the port it
/// listens on, read from the configured URLs (known before the server binds, which cluster
/// membership needs) or else from the bound server.
/// </summary>
public sealed class SiloIdentity(IOptions<SiloOptions> options, IConfiguration configuration, IServer server)
{
    private string? _id;

    /// <summary>The id, fixed at first use.</summary>
    public string Id => _id ??= options.Value.SiloId is { Length: > 0 } configured ? configured : Derive();

    private string Derive()
    {
        var address = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = address is not null && Uri.TryCreate(address.Replace("*", "localhost").Replace("+", "localhost"), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(CultureInfo.InvariantCulture)
            : Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return Environment.MachineName + "-" + port;
    }
}
