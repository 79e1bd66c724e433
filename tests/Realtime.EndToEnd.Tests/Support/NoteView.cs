using Realtime.Contracts.Notes;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// What a newcomer sees of a note (a fresh anonymous connection's full snapshot), in a form that
/// compares with <c>Assert.Equal</c>: tests take one before a refused call and one after.
/// </summary>
public sealed record NoteView(long LastSeq, long CommentCount, string Comments, long Likes, long Collects, string Epoch)
{
    /// <summary>Watches <paramref name="noteId"/> from sequence 0 on a new anonymous connection and describes it.</summary>
    public static async Task<NoteView> ReadAsync(NoteWorld world, string noteId)
    {
        var reader = await world.ConnectAsync(null);
        var view = Of(await reader.WatchNoteAsync(noteId, 0));
        await reader.UnwatchNoteAsync(noteId);
        return view;
    }

    /// <summary>Describes a snapshot.</summary>
    public static NoteView Of(NoteSnapshot snapshot) => new(
        snapshot.LastSeq,
        snapshot.CommentCount,
        string.Join(" | ", snapshot.Comments.Select(c => $"{c.Seq}:{c.CommentId}:{c.UserId}:{c.ReplyToCommentId}:{c.Likes}:{c.Text}")),
        snapshot.Likes,
        snapshot.Collects,
        snapshot.Epoch);
}
