namespace Realtime.Contracts.Notes;

/// <summary>Body of <c>POST /api/notes</c>.</summary>
public sealed record CreateNoteRequest(string? Title, string? Body, string? Language);
