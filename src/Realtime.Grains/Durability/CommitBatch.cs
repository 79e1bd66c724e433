using Realtime.Grains.Events;

namespace Realtime.Grains.Durability;

/// <summary>The turns waiting for the next write, and the events that may leave only after it.</summary>
internal sealed class CommitBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once a turn asked for this write.</summary>
    public bool Requested { get; set; }

    public List<GrainEvent> Events { get; } = [];

    public Task Completion => _done.Task;

    public void Complete() => _done.TrySetResult();

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
