namespace Realtime.Runtime.Grains;

/// <summary>A grain timer's tick; it runs as a turn of the grain like any call.</summary>
public delegate Task GrainTimerCallback(CancellationToken cancellationToken);
