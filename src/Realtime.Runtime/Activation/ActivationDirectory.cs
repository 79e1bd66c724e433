using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Activation;

/// <summary>This silo's activations: at most one per grain id, created on first call.</summary>
public sealed class ActivationDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly GrainInterfaceMap _map;
    private readonly Lazy<ActivationServices> _services;

    /// <summary>Creates the directory; the factory is resolved lazily because it depends on the router.</summary>
    public ActivationDirectory(
        IServiceProvider serviceProvider,
        GrainInterfaceMap map,
        IGrainStorage storage,
        IEventBus eventBus,
        IOptions<RuntimeOptions> options,
        ILogger<ActivationDirectory> logger)
    {
        _map = map;
        _services = new Lazy<ActivationServices>(() => new ActivationServices(
            serviceProvider,
            (IGrainFactory)serviceProvider.GetService(typeof(IGrainFactory))!,
            storage,
            eventBus,
            this,
            options.Value,
            logger));
    }

    /// <summary>Number of live activations.</summary>
    public int Count => _activations.Count;

    /// <summary>Runs <paramref name="call"/> on the grain's activation, activating it if needed.</summary>
    public Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken = default)
    {
        // Not async: the common case allocates no state machine, the queued call's task is the
        // answer. Failures still come back in the task, as from an async method.
        try
        {
            var registration = _map.Get(call.Interface);
            if (registration.TypeName != call.Target.Type)
            {
                throw new InvalidOperationException($"{call.Interface} is not the interface of grain type {call.Target.Type}.");
            }

            if (!registration.Methods.TryGetValue(call.Method, out var method))
            {
                throw new InvalidOperationException($"{call.Interface} has no method {call.Method}.");
            }

            var activation = GetOrCreate(call.Target, registration);
            var item = new CallWorkItem(call, method, activation.Lifetime);
            return activation.TryEnqueue(item)
                ? item.Result
                : InvokeAfterClosingAsync(call, registration, method, activation, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<object?>(e);
        }
    }

    /// <summary>Asks activations idle for longer than <paramref name="idleTimeout"/> to deactivate.</summary>
    public void CollectIdle(TimeSpan idleTimeout)
    {
        foreach (var activation in _activations.Values)
        {
            if (activation.IdleMilliseconds >= idleTimeout.TotalMilliseconds)
            {
                activation.RequestIdleDeactivation(idleTimeout);
            }
        }
    }

    /// <summary>Deactivates every activation (their last writes included) and waits for them.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken = default)
    {
        var all = _activations.Values.ToArray();
        foreach (var activation in all)
        {
            activation.RequestShutdown();
        }

        await Task.WhenAll(all.Select(a => a.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deactivates (after their queued work) the activations whose id matches, e.g. grains this silo no longer owns.</summary>
    public void DeactivateWhere(Func<GrainId, bool> match)
    {
        foreach (var activation in _activations.Values)
        {
            if (match(activation.Id))
            {
                activation.RequestShutdown();
            }
        }
    }

    /// <summary>True when <paramref name="id"/> has an activation on this silo.</summary>
    public bool IsActive(GrainId id) => _activations.ContainsKey(id);

    internal void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    private async Task<object?> InvokeAfterClosingAsync(
        GrainCall call,
        GrainRegistration registration,
        GrainMethod method,
        GrainActivation closing,
        CancellationToken cancellationToken)
    {
        var activation = closing;
        while (true)
        {
            // It is deactivating: wait until it is gone so two activations never overlap.
            await activation.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(call.Target, activation));
            activation = GetOrCreate(call.Target, registration);
            var item = new CallWorkItem(call, method, activation.Lifetime);
            if (activation.TryEnqueue(item))
            {
                return await item.Result.ConfigureAwait(false);
            }
        }
    }

    private GrainActivation GetOrCreate(GrainId id, GrainRegistration registration)
    {
        while (true)
        {
            if (_activations.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var created = new GrainActivation(id, registration, _services.Value);
            if (_activations.TryAdd(id, created))
            {
                created.Start();
                return created;
            }
        }
    }
}
