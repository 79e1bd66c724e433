using Realtime.Runtime.Calls;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>A grain call waiting for its turn.</summary>
internal sealed class CallWorkItem(GrainCall call, GrainMethod method, CancellationToken grainToken) : WorkItem
{
    private readonly TaskCompletionSource<object?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Result => _result.Task;

    // The caller's token only bounds its wait; a turn, once started, runs to its end, so the
    // method gets the activation's token instead.
    public override Task Start(Grain grain) => method.Invoke(grain, call.Arguments, grainToken);

    public override void Complete(Task turn)
    {
        if (turn.IsFaulted)
        {
            _result.TrySetException(turn.Exception!.InnerExceptions);
        }
        else if (turn.IsCanceled)
        {
            _result.TrySetCanceled();
        }
        else
        {
            _result.TrySetResult(method.ReadResult(turn));
        }
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}
