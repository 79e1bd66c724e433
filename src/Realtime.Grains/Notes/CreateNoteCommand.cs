using Orleans;

namespace Realtime.Grains.Notes;

/// <summary>Creates a note; validated and normalised by the caller.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateNoteCommand")]
public sealed record CreateNoteCommand(string AuthorId, string Title, string Body, string? Language);
