using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>Body of <c>POST /api/notes</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.CreateNoteRequest")]
public sealed record CreateNoteRequest(string? Title, string? Body, string? Language);
