using Orleans;

namespace Realtime.Contracts.Notes;

/// <summary>The <c>noteDeleted</c> event: a moderator removed a note; it answers <c>not_found</c> from now on.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.NoteDeleted")]
public sealed record NoteDeleted(string NoteId);
