namespace Realtime.Contracts.Notes;

/// <summary>The <c>commentTranslated</c> event, sent only to readers of <paramref name="Language"/>.</summary>
public sealed record CommentTranslated(string NoteId, string CommentId, string Language, string Text);
