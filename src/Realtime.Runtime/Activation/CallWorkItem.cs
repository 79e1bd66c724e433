using Realtime.Runtime.Calls;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>A grain call waiting for its turn.</summary>
internal sealed class CallWorkItem(GrainCall call, GrainMethod method, GrainInterfaceMap map, CancellationToken grainToken) : WorkItem
{
    private readonly TaskCompletionSource<object?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Result => _result.Task;

    public override Task Start(Grain grain)
    {
        var arguments = call.Arguments;
        if (method.CancellationTokenIndex >= 0)
        {
            // The caller's token only bounds its wait; a turn, once started, runs to its end.
            arguments = (object?[])arguments.Clone();
            arguments[method.CancellationTokenIndex] = grainToken;
        }

        return (Task)method.Method.Invoke(grain, arguments)!;
    }

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
            _result.TrySetResult(map.ReadResult(turn));
        }
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);
}
