using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>Runtime work that runs as a turn: activation, deactivation, timer ticks.</summary>
internal sealed class DelegateWorkItem(Func<Grain, Task> start, Action<Task>? completed = null) : WorkItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public override Task Start(Grain grain) => start(grain);

    public override void Complete(Task turn)
    {
        completed?.Invoke(turn);
        if (turn.IsFaulted)
        {
            _done.TrySetException(turn.Exception!.InnerExceptions);
        }
        else
        {
            _done.TrySetResult();
        }
    }

    public override void Fail(Exception exception)
    {
        completed?.Invoke(Task.FromException(exception));
        _done.TrySetException(exception);
    }
}
