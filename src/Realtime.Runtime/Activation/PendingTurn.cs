namespace Realtime.Runtime.Activation;

/// <summary>
/// A turn waiting for the group commit it joined: parked at its commit point (<paramref name="Wrote"/>),
/// or finished without writing but after a turn whose commit is still to come, so it may have
/// seen state that is not durable yet.
/// </summary>
internal readonly record struct PendingTurn(WorkItem Item, Task Turn, bool Wrote);
