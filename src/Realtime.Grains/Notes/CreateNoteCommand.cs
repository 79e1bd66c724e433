namespace Realtime.Grains.Notes;

/// <summary>Creates a note; validated and normalised by the caller.</summary>
public sealed record CreateNoteCommand(string AuthorId, string Title, string Body, string? Language);
