using Realtime.Runtime.Activation;

namespace Realtime.Runtime.Grains;

/// <summary>
/// Base class of every grain: one activation per key, one call at a time (a turn), activated on
/// first call and deactivated when idle.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    /// <summary>This grain's identity.</summary>
    protected GrainId GrainId => Activation.Id;

    /// <summary>This grain's key.</summary>
    protected string GrainKey => Activation.Id.Key;

    /// <summary>References to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.GrainFactory;

    /// <summary>When false the idle collector leaves the activation alone (e.g. a room with viewers).</summary>
    protected internal virtual bool CanDeactivate => true;

    internal GrainActivation Activation =>
        _activation ?? throw new InvalidOperationException("The grain is not activated by the runtime.");

    internal void Attach(GrainActivation activation) => _activation = activation;

    /// <summary>Runs as the activation's first turn, after persistent state is loaded.</summary>
    protected internal virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn.</summary>
    protected internal virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts a timer whose ticks run as turns; a tick is skipped while the previous one is
    /// still queued. Ticks do not count as activity, so they do not keep an idle grain alive.</summary>
    protected IDisposable RegisterTimer(GrainTimerCallback callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Publishes an event to <paramref name="topic"/>. Events leave in publication order, and only
    /// after every write requested before them has committed, so nobody sees what is not durable.
    /// </summary>
    protected void Publish(string topic, string name, object payload) => Activation.Publish(topic, name, payload);

    /// <summary>Asks the runtime to deactivate this grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();
}
