using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>A note (a RedNote post): what <c>POST /api/notes</c> creates and <c>GET /api/notes/{noteId}</c> returns.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.Note")]
public sealed record Note(string NoteId, string AuthorId, string Title, string Body, string? Language, DateTimeOffset CreatedAt);
