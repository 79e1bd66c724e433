using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Realtime.Runtime.Cluster.RabbitMq;

/// <summary>
/// The silo's one connection to RabbitMQ, with the client's automatic recovery: after a broker
/// restart the connection, its channels, queues, bindings and consumers come back on their own.
/// </summary>
public sealed class RabbitMqConnectionProvider(IOptions<ClusterOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    /// <summary>True while the connection is open (false during an outage).</summary>
    public bool IsOpen => _connection?.IsOpen ?? false;

    /// <summary>The connection, opened on first use.</summary>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var factory = new ConnectionFactory
                {
                    Uri = new Uri(options.Value.RabbitMqUri ?? throw new InvalidOperationException("Realtime:Cluster:RabbitMqUri is not set.")),
                    AutomaticRecoveryEnabled = true,
                    TopologyRecoveryEnabled = true,
                    NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
                    RequestedHeartbeat = TimeSpan.FromSeconds(10),
                    ClientProvidedName = "realtime-silo",
                };
                _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
