namespace Realtime.Runtime.Activation;

/// <summary>The bookkeeping of one running turn: whether (and when) it asked for a commit.</summary>
internal sealed class Turn(GrainActivation activation)
{
    private TaskCompletionSource? _reachedCommit;

    public GrainActivation Activation { get; } = activation;

    public bool CommitRequested { get; set; }

    /// <summary>
    /// Completes when the turn reaches its commit point. Made on first use: a turn that finishes
    /// synchronously (most reads) never needs it.
    /// </summary>
    public TaskCompletionSource ReachedCommit =>
        Volatile.Read(ref _reachedCommit)
        ?? Interlocked.CompareExchange(ref _reachedCommit, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null)
        ?? _reachedCommit!;
}
