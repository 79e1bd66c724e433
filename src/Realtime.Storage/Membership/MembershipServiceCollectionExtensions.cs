using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Realtime.Runtime.Cluster;

namespace Realtime.Storage.Membership;

/// <summary>Registers the cluster membership table.</summary>
public static class MembershipServiceCollectionExtensions
{
    /// <summary>Membership in the cluster's PostgreSQL (<c>Realtime:Storage:ConnectionString</c>).</summary>
    public static IServiceCollection AddRealtimeMembership(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Realtime:Storage:Provider"];
        var connectionString = configuration["Realtime:Storage:ConnectionString"];
        if (!string.Equals(provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "A cluster (Realtime:Cluster:RabbitMqUri) needs shared storage: set Realtime:Storage:Provider=postgres and Realtime:Storage:ConnectionString.");
        }

        services.AddSingleton<IMembershipTable>(_ => new PostgresMembershipTable(NpgsqlDataSource.Create(connectionString)));
        return services;
    }
}
