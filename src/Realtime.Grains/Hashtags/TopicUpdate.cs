using Orleans;
using Realtime.Contracts.Hashtags;

namespace Realtime.Grains.Hashtags;

/// <summary>
/// What a note hands one of its topics: the note itself (<paramref name="Note"/>, once) and views
/// it received since its last update. <paramref name="Id"/> grows with each update a note sends;
/// the topic counts a note once per note id and a view update once per (note, id).
/// </summary>
/// <param name="Retry">
/// True when this update may have reached the topic before (a resend, or one replayed by a new
/// activation of the note): only then does the topic ask its log whether it has it already.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TopicUpdate")]
public sealed record TopicUpdate(string NoteId, long Id, TopicNote? Note, long Views, bool Retry);
