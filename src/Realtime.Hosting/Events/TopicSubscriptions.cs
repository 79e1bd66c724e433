using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Events;

namespace Realtime.Hosting.Events;

/// <summary>
/// Subscribes this silo's <see cref="SiloEventRelay"/> with the grains of the topics its
/// connections watch (the first watcher subscribes, every watcher waits for it, the last one
/// unsubscribes), and keeps the subscriptions alive: renewed every
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

    private readonly HashSet<string> _wanted = new(StringComparer.Ordinal);

    // The last operation per topic: a topic's subscribe and unsubscribe reach its grain in order.
    private readonly Dictionary<string, Task> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IEventRelay? _reference;

    /// <inheritdoc />
    /// <remarks>
    /// Every watcher awaits the topic's subscription, not only the first: a second viewer that joins
    /// while the first one's subscription is on its way must not take its snapshot before it holds.
    /// A failed subscription fails its watchers and is tried afresh by the next one.
    /// </remarks>
    public async ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        var relayReference = Reference();
        Task subscription;
        lock (_gate)
        {
            if (!_wanted.Add(topic) && _last.TryGetValue(topic, out var current) && !current.IsFaulted)
            {
                subscription = current;
            }
            else
            {
                subscription = After(topic, () => SubscribeFirstAsync(topic, relayReference));
            }
        }

        await subscription.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        Task unsubscription;
        lock (_gate)
        {
            if (!_wanted.Remove(topic))
            {
                return;
            }

            unsubscription = After(topic, () => UnsubscribeOnceAsync(topic));
        }

        await unsubscription.ConfigureAwait(false);
        lock (_gate)
        {
            if (_last.TryGetValue(topic, out var current) && current == unsubscription)
            {
                _last.Remove(topic);
            }
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
                // Gone: active before, not active now (stopping, dead, or no longer listed at all).
                var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
                var gone = known.Except(active).Any();
                known = active;
                if (gone)
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
            topics = [.. _wanted];
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
            var committed = await Topics.SourceOf(grains, topic)
                .SubscribeAsync(topic, localSilo.SiloAddress, Reference(), cancellationToken).ConfigureAwait(false);
            bool wanted;
            lock (_gate)
            {
                wanted = _wanted.Contains(topic);
            }

            if (wanted)
            {
                relay.Subscribed(topic, committed, renewal: true);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HostingLog.SubscribeFailed(logger, topic, e);
        }
    }

    private async Task SubscribeFirstAsync(string topic, IEventRelay relayReference)
    {
        relay.Subscribing(topic);
        var committed = await Topics.SourceOf(grains, topic)
            .SubscribeAsync(topic, localSilo.SiloAddress, relayReference, CancellationToken.None).ConfigureAwait(false);
        relay.Subscribed(topic, committed, renewal: false);
    }

    private async Task UnsubscribeOnceAsync(string topic)
    {
        relay.Unsubscribed(topic);
        try
        {
            await Topics.SourceOf(grains, topic).UnsubscribeAsync(topic, localSilo.SiloAddress, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The grain drops the subscription itself once it goes unrenewed.
            HostingLog.SubscribeFailed(logger, topic, e);
        }
    }

    /// <summary>Runs <paramref name="operation"/> after the topic's previous one (whatever its outcome); call under the gate.</summary>
    private Task After(string topic, Func<Task> operation)
    {
        var previous = _last.GetValueOrDefault(topic) ?? Task.CompletedTask;
        var next = RunAfterAsync(previous, operation);
        _last[topic] = next;
        return next;
    }

    private static async Task RunAfterAsync(Task previous, Func<Task> operation)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch
        {
            // Its own caller saw the failure; this operation stands on its own.
        }

        await operation().ConfigureAwait(false);
    }

    // Created on first use: an object reference needs the silo started, which hosted services precede.
    private IEventRelay Reference() =>
        LazyInitializer.EnsureInitialized(ref _reference, () => grains.CreateObjectReference<IEventRelay>(relay));
}
