using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Activation;

/// <summary>One unit of work for an activation's turn loop: a call, a timer tick or a lifecycle step.</summary>
internal abstract class WorkItem
{
    /// <summary>Starts the work on the grain; the returned task is the turn.</summary>
    public abstract Task Start(Grain grain);

    /// <summary>Reports the finished turn to whoever waits for it.</summary>
    public abstract void Complete(Task turn);

    /// <summary>Reports that the work never ran.</summary>
    public abstract void Fail(Exception exception);
}
