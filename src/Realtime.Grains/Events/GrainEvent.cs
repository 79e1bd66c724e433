using Orleans;

namespace Realtime.Grains.Events;

/// <summary>An event a grain publishes: the topic it goes to, its name and its payload.</summary>
/// <param name="Topic">Where it goes, e.g. <c>room/r1</c>; silos subscribe to topics their connections watch.</param>
/// <param name="Name">The event name clients see, e.g. <c>chat</c>.</param>
/// <param name="Payload">A contract record.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.GrainEvent")]
public sealed record GrainEvent(string Topic, string Name, object Payload);
