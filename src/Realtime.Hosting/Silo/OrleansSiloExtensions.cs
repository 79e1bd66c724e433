using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Hosting.Events;
using Realtime.Storage;
using Realtime.Storage.Orleans;

namespace Realtime.Hosting.Silo;

/// <summary>Makes the web host an Orleans silo: clustering, grain storage, timeouts, the dashboard.</summary>
public static class OrleansSiloExtensions
{
    /// <summary>
    /// Co-hosts an Orleans silo. Embedded (no <c>Realtime:Cluster:ClusterId</c>): localhost
    /// clustering on a free port unless <c>Realtime:Cluster:SiloPort</c> is set. Cluster: membership
    /// in the PostgreSQL database of <c>Realtime:Storage</c>. Grain state goes through Orleans'
    /// ADO.NET grain storage on the silo's database either way. The hub's co-hosted client needs no
    /// gateway, so none is opened.
    /// </summary>
    public static WebApplicationBuilder AddRealtimeOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var cluster = configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var storage = StorageOptions.FromConfiguration(configuration);
        if (cluster.Enabled && !string.Equals(storage.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Realtime:Cluster:ClusterId is set, so this silo joins a cluster, which needs Realtime:Storage:Provider={StorageProviders.Postgres} (membership and state live in PostgreSQL).");
        }

        var runtime = configuration.GetSection("Realtime:Runtime");
        var idle = runtime.GetValue("IdleTimeout", TimeSpan.FromMinutes(5));
        var callTimeout = runtime.GetValue("CallTimeout", TimeSpan.FromSeconds(30));
        ((IHostApplicationBuilder)builder).UseOrleans(silo =>
        {
            if (cluster.Enabled)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = OrleansStorageNames.PostgresInvariant;
                    o.ConnectionString = storage.ConnectionString;
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId!;
                    o.ServiceId = cluster.ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: false);
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = cluster.ProbeTimeout ?? o.ProbeTimeout;
                    o.NumMissedProbesLimit = cluster.MissedProbesLimit ?? o.NumMissedProbesLimit;
                });
            }
            else
            {
                var port = configuration[ClusterSettings.SectionName + ":SiloPort"] is { Length: > 0 } ? cluster.SiloPort : FreeLoopbackPort();
                silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: "embedded");
            }

            silo.AddAdoNetGrainStorage(GrainStorageNames.Default, o =>
            {
                o.Invariant = OrleansStorageNames.InvariantFor(storage.Provider);
                o.ConnectionString = storage.ConnectionString;
                o.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = idle);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = callTimeout);
            silo.AddOutgoingGrainCallFilter<StaleActivationRetryFilter>();
            silo.AddDashboard();
        });

        builder.Services.AddSingleton<SiloEventRelay>();
        builder.Services.AddSingleton<TopicSubscriptions>();
        builder.Services.AddSingleton<ITopicSubscriptions>(sp => sp.GetRequiredService<TopicSubscriptions>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloEventRelay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TopicSubscriptions>());
        return builder;
    }

    // Several embedded silos share a machine in tests and demos: each takes a port nobody holds.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
