using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;

namespace Realtime.Client;

/// <summary>Note threads and the user's inbox.</summary>
public sealed partial class RealtimeClient
{
    /// <summary>Watches a note's comment thread; the snapshot has the latest 50 comments or those after <paramref name="sinceSeq"/>.</summary>
    public Task<NoteSnapshot> WatchNoteAsync(string noteId, long? sinceSeq = null, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<NoteSnapshot>(HubMethods.WatchNote, [noteId, sinceSeq], cancellationToken);

    /// <summary>Stops watching a note.</summary>
    public Task UnwatchNoteAsync(string noteId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.UnwatchNote, [noteId], cancellationToken);

    /// <summary>Posts a comment (or a reply); a retry with the same <paramref name="clientMessageId"/> is answered as a duplicate.</summary>
    public Task<CommentAck> PostCommentAsync(string noteId, string clientMessageId, string text, string? replyToCommentId = null, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<CommentAck>(HubMethods.PostComment, [noteId, clientMessageId, text, replyToCommentId], cancellationToken);

    /// <summary>Likes or unlikes a note.</summary>
    public Task<NoteCounters> LikeNoteAsync(string noteId, bool liked, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<NoteCounters>(HubMethods.LikeNote, [noteId, liked], cancellationToken);

    /// <summary>Collects or uncollects a note.</summary>
    public Task<NoteCounters> CollectNoteAsync(string noteId, bool collected, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<NoteCounters>(HubMethods.CollectNote, [noteId, collected], cancellationToken);

    /// <summary>Likes or unlikes a comment.</summary>
    public Task<CommentCounters> LikeCommentAsync(string noteId, string commentId, bool liked, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<CommentCounters>(HubMethods.LikeComment, [noteId, commentId, liked], cancellationToken);

    /// <summary>The caller's inbox: items after <paramref name="sinceSeq"/>, or the latest <paramref name="limit"/>.</summary>
    public Task<InboxPage> GetInboxAsync(long? sinceSeq = null, int limit = 50, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<InboxPage>(HubMethods.GetInbox, [sinceSeq, limit], cancellationToken);

    /// <summary>Marks the caller's inbox read up to a seq.</summary>
    public Task<InboxUnread> MarkInboxReadAsync(long upToSeq, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<InboxUnread>(HubMethods.MarkInboxRead, [upToSeq], cancellationToken);

    public IDisposable OnComment(Action<Comment> handler) => Connection.On(HubEvents.Comment, handler);

    public IDisposable OnCommentTranslated(Action<CommentTranslated> handler) => Connection.On(HubEvents.CommentTranslated, handler);

    public IDisposable OnNoteCounters(Action<NoteCounters> handler) => Connection.On(HubEvents.NoteCounters, handler);

    public IDisposable OnCommentCounters(Action<CommentCounters> handler) => Connection.On(HubEvents.CommentCounters, handler);

    public IDisposable OnNotification(Action<InboxItem> handler) => Connection.On(HubEvents.Notification, handler);

    public IDisposable OnInboxUnread(Action<InboxUnread> handler) => Connection.On(HubEvents.InboxUnread, handler);
}
