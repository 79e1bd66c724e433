namespace Realtime.Runtime.Grains;

/// <summary>
/// Marker for grain interfaces. Every method of a grain interface returns <see cref="Task"/> or
/// <see cref="Task{TResult}"/>, takes serialisable arguments and may end in a
/// <see cref="CancellationToken"/> (it bounds the caller's wait, never the grain's turn).
/// Method names are unique within an interface so that a call is addressable by name.
/// </summary>
public interface IGrain;
