namespace Realtime.Runtime.Activation;

/// <summary>The bookkeeping of one running turn: whether (and when) it asked for a commit.</summary>
internal sealed class Turn(GrainActivation activation)
{
    public GrainActivation Activation { get; } = activation;

    public bool CommitRequested { get; set; }

    public TaskCompletionSource ReachedCommit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
