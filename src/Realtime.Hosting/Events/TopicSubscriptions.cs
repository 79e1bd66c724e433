using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// Subscribes this silo's <see cref="SiloEventRelay"/> with the grains of the topics its
/// connections watch, and keeps the subscriptions alive: renewed every
/// <see cref="RenewInterval"/> (grains drop unrenewed ones), and at once whenever a silo leaves
/// the cluster, because the grains it hosted come back elsewhere without their subscribers.
/// A renewal that finds the grain ahead of what this silo saw fills the gap from the log.
/// </summary>
public sealed class TopicSubscriptions(
    SiloEventRelay relay,
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    IClusterMembershipService membership,
    ILogger<TopicSubscriptions> logger) : BackgroundService, ITopicSubscriptions
{
    /// <summary>How often every subscription is renewed; well inside the grains' lifetime for one.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IEventRelay? _reference;

    /// <inheritdoc />
    public async ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var count = _counts.GetValueOrDefault(topic);
            _counts[topic] = count + 1;
            if (count > 0)
            {
                return;
            }
        }

        await SubscribeOnceAsync(topic, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_counts.TryGetValue(topic, out var count))
            {
                return;
            }

            if (count > 1)
            {
                _counts[topic] = count - 1;
                return;
            }

            _counts.Remove(topic);
        }

        relay.Unsubscribed(topic);
        try
        {
            await TopicSources.Of(grains, topic).UnsubscribeAsync(topic, localSilo.SiloAddress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain drops the subscription itself once it goes unrenewed.
            HostingLog.SubscribeFailed(logger, topic, e);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var departures = WatchDeparturesAsync(stoppingToken);
        using var timer = new PeriodicTimer(RenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RenewAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await departures.ConfigureAwait(false);
    }

    private async Task WatchDeparturesAsync(CancellationToken stoppingToken)
    {
        var known = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                var gone = snapshot.Members.Values
                    .Where(m => m.Status is SiloStatus.Dead && known.Remove(m.SiloAddress))
                    .ToList();
                known.UnionWith(snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress));
                if (gone.Count > 0)
                {
                    await RenewAllAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        List<string> topics;
        lock (_gate)
        {
            topics = [.. _counts.Keys];
        }

        // Bounded parallelism: a silo watching thousands of rooms renews them without a burst of thousands of calls.
        await Parallel.ForEachAsync(
            topics,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (topic, ct) => await SubscribeOnceAsync(topic, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task SubscribeOnceAsync(string topic, CancellationToken cancellationToken)
    {
        try
        {
            var committed = await TopicSources.Of(grains, topic)
                .SubscribeAsync(topic, localSilo.SiloAddress, Reference(), cancellationToken).ConfigureAwait(false);
            relay.Subscribed(topic, committed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostingLog.SubscribeFailed(logger, topic, e);
        }
    }

    // Created on first use: an object reference needs the silo started, which hosted services precede.
    private IEventRelay Reference()
    {
        lock (_gate)
        {
            return _reference ??= grains.CreateObjectReference<IEventRelay>(relay);
        }
    }
}
