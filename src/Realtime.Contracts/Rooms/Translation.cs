namespace Realtime.Contracts.Rooms;

/// <summary>A text rendered in a reader's language.</summary>
public sealed record Translation(string Language, string Text);
