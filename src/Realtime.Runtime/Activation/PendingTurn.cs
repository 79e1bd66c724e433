namespace Realtime.Runtime.Activation;

/// <summary>A turn parked at its commit point until the group commit it joined is done.</summary>
internal readonly record struct PendingTurn(WorkItem Item, Task Turn);
