using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Activation;

/// <summary>
/// One activation of one grain and its turn loop. Work runs one item at a time in arrival order.
/// A turn that asks for a commit is parked at that point and the loop moves on, so the writes
/// of every call that queued up meanwhile go to storage in one transaction; the parked turns
/// finish (and their callers are answered) only after that commit, before any later turn starts.
/// A turn that writes nothing but runs while a commit is pending is answered after it too.
/// </summary>
internal sealed class GrainActivation
{
    private static readonly AsyncLocal<Turn?> CurrentTurn = new();

    private readonly Channel<WorkItem> _queue =
        Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<PendingTurn> _pending = [];
    private readonly List<GrainEvent> _events = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly GrainRegistration _registration;
    private readonly ActivationServices _services;
    private TaskCompletionSource? _commit;
    private Grain? _grain;
    private bool _deactivationRequested;
    private bool _broken;
    private long _lastActivity = Environment.TickCount64;

    public GrainActivation(GrainId id, GrainRegistration registration, ActivationServices services)
    {
        Id = id;
        _registration = registration;
        _services = services;
    }

    public GrainId Id { get; }

    public IGrainFactory GrainFactory => _services.GrainFactory;

    public IGrainStorage Storage => _services.Storage;

    /// <summary>Completes when the activation has finished deactivating.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Cancelled when the activation is deactivated; handed to grain methods.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public long IdleMilliseconds => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

    public void Start() => _ = Task.Run(RunAsync);

    public bool TryEnqueue(WorkItem item, bool countsAsActivity = true)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            return false;
        }

        if (countsAsActivity)
        {
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
        }

        return true;
    }

    /// <summary>Queues deactivation if the grain is still idle and willing when its turn comes.</summary>
    public void RequestIdleDeactivation(TimeSpan idleTimeout) =>
        TryEnqueue(new DelegateWorkItem(_ =>
        {
            if (IdleMilliseconds >= idleTimeout.TotalMilliseconds && _grain is { CanDeactivate: true })
            {
                _deactivationRequested = true;
            }

            return Task.CompletedTask;
        }), countsAsActivity: false);

    /// <summary>Deactivates after the work already queued.</summary>
    public void RequestShutdown() =>
        TryEnqueue(new DelegateWorkItem(_ =>
        {
            _deactivationRequested = true;
            return Task.CompletedTask;
        }), countsAsActivity: false);

    public void RequestDeactivation() => _deactivationRequested = true;

    public IDisposable RegisterTimer(GrainTimerCallback callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    public void Publish(string topic, string name, object payload) => _events.Add(new GrainEvent(topic, name, payload));

    public void ReportTimerFailure(Exception exception) => RuntimeLog.TimerFailed(_services.Logger, Id, exception);

    /// <summary>Called by the running turn when it wants its changes made durable.</summary>
    public Task RequestCommit()
    {
        var turn = CurrentTurn.Value;
        if (turn is null || turn.Activation != this)
        {
            throw new InvalidOperationException($"{Id}: state can only be written from the grain's own turn.");
        }

        if (turn.CommitRequested)
        {
            throw new InvalidOperationException($"{Id}: a turn writes its state at most once.");
        }

        if (_grain is not IStatefulGrain)
        {
            throw new InvalidOperationException($"{Id}: the grain has no persistent state.");
        }

        turn.CommitRequested = true;
        _commit ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = _commit.Task;
        turn.ReachedCommit.TrySetResult();
        return committed;
    }

    private async Task RunAsync()
    {
        RuntimeMetrics.ActivationStarted();
        try
        {
            if (await ActivateAsync().ConfigureAwait(false))
            {
                await RunTurnsAsync().ConfigureAwait(false);
                await DeactivateAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            RuntimeLog.ActivationLoopFailed(_services.Logger, Id, e);
        }
        finally
        {
            _queue.Writer.TryComplete();
            FailQueued(new ActivationClosedException(Id));
            _lifetime.Cancel();
            RuntimeMetrics.ActivationStopped();
            _services.Directory.Remove(this);
            _completion.TrySetResult();
        }
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            _grain = (Grain)ActivatorUtilities.CreateInstance(_services.ServiceProvider, _registration.Implementation);
            _grain.Attach(this);
            if (_grain is IStatefulGrain stateful)
            {
                stateful.Load(await Storage.ReadStateAsync(Id, _lifetime.Token).ConfigureAwait(false));
            }

            var activate = new DelegateWorkItem(g => g.OnActivateAsync(_lifetime.Token));
            await RunTurnAsync(activate).ConfigureAwait(false);
            if (_pending.Count > 0)
            {
                await CommitAsync().ConfigureAwait(false);
            }

            await activate.Done.ConfigureAwait(false);
            RuntimeLog.Activated(_services.Logger, Id);
            return !_broken;
        }
        catch (Exception e)
        {
            RuntimeLog.ActivationFailed(_services.Logger, Id, e);
            _queue.Writer.TryComplete();
            FailQueued(e);
            return false;
        }
    }

    private async Task RunTurnsAsync()
    {
        var reader = _queue.Reader;
        while (!_deactivationRequested && !_broken && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!_deactivationRequested && !_broken && reader.TryRead(out var item))
            {
                await RunTurnAsync(item).ConfigureAwait(false);
                if (_pending.Count >= _services.Options.MaxCommitBatch)
                {
                    await CommitAsync().ConfigureAwait(false);
                }
            }

            if (_pending.Count > 0)
            {
                await CommitAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task DeactivateAsync()
    {
        _queue.Writer.TryComplete();
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        if (!_broken && _grain is not null)
        {
            var deactivate = new DelegateWorkItem(g => g.OnDeactivateAsync(_lifetime.Token));
            await RunTurnAsync(deactivate).ConfigureAwait(false);
            if (_pending.Count > 0)
            {
                await CommitAsync().ConfigureAwait(false);
            }

            if (deactivate.Done.Exception is { } e)
            {
                RuntimeLog.DeactivationFailed(_services.Logger, Id, e.GetBaseException());
            }
        }

        RuntimeLog.Deactivated(_services.Logger, Id);
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        var turn = new Turn(this);
        CurrentTurn.Value = turn;
        Task task;
        try
        {
            task = item.Start(_grain!);
        }
        catch (Exception e)
        {
            // Grain methods are called through compiled delegates, so this is the grain's own exception.
            task = Task.FromException(e);
        }
        finally
        {
            CurrentTurn.Value = null;
        }

        if (!task.IsCompleted && !turn.CommitRequested)
        {
            // It went async before its commit point: wait for whichever comes first. (A turn that
            // asked for its commit on this thread has reached it already.)
            await Task.WhenAny(task, turn.ReachedCommit.Task).ConfigureAwait(false);
        }

        if (turn.CommitRequested || _pending.Count > 0)
        {
            // A turn that ran after an uncommitted one may have read its changes: like its events,
            // its answer waits for that commit, so nobody is told what storage may yet refuse.
            _pending.Add(new PendingTurn(item, task, turn.CommitRequested));
            return;
        }

        item.Complete(task);
        await FlushEventsAsync().ConfigureAwait(false);
    }

    private async Task CommitAsync()
    {
        var commit = _commit!;
        _commit = null;
        Exception? failure = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var stateful = (IStatefulGrain)_grain!;
            var version = await Storage.WriteStateAsync(stateful.PrepareWrite(), CancellationToken.None).ConfigureAwait(false);
            stateful.Committed(version);
            RuntimeMetrics.Committed(_pending.Count, Stopwatch.GetElapsedTime(started));
            commit.SetResult();
        }
        catch (Exception e)
        {
            failure = e;
            commit.SetException(e);
        }

        foreach (var pending in _pending)
        {
            try
            {
                await pending.Turn.ConfigureAwait(false);
            }
            catch
            {
                // The failure travels to the caller through Complete.
            }

            if (failure is not null && !pending.Wrote)
            {
                // It ran on state storage refused; the retry runs it again on durable state.
                pending.Item.Fail(new ActivationClosedException(Id));
            }
            else
            {
                pending.Item.Complete(pending.Turn);
            }
        }

        _pending.Clear();
        if (failure is null)
        {
            await FlushEventsAsync().ConfigureAwait(false);
            return;
        }

        // Memory now holds changes storage refused: drop them (and their events) with the activation.
        _events.Clear();
        _broken = true;
        if (failure is StorageConflictException)
        {
            RuntimeLog.StaleActivation(_services.Logger, Id);
        }
        else
        {
            RuntimeLog.CommitFailed(_services.Logger, Id, failure);
        }
    }

    private async Task FlushEventsAsync()
    {
        if (_events.Count == 0)
        {
            return;
        }

        var batch = _events.ToArray();
        _events.Clear();
        try
        {
            await _services.EventBus.PublishAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Subscribers catch up by seq when they resume; a lost batch must not stop the grain.
            RuntimeLog.PublishFailed(_services.Logger, Id, e);
        }
    }

    private void FailQueued(Exception exception)
    {
        while (_queue.Reader.TryRead(out var item))
        {
            item.Fail(exception);
        }
    }
}
