using Orleans;

namespace Realtime.Grains.Notes;

/// <summary>Creates a note; validated, normalised and moderated by the caller.</summary>
/// <param name="Held">A term sends it to review: only its author sees it until a moderator approves it.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateNoteCommand")]
public sealed record CreateNoteCommand(string AuthorId, string Title, string Body, string? Language, bool Held = false);
