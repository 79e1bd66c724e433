using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Realtime.Storage;

/// <summary>
/// Creates or upgrades the storage schema when the host starts, before any grain can read or write;
/// hosted services start in registration order, so register storage before the grain runtime.
/// </summary>
public sealed class StorageInitializer(IRealtimeStore storage, ILogger<StorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await storage.InitializeAsync(cancellationToken);
        StorageLog.StorageReady(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
