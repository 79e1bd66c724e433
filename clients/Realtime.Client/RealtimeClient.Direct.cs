using Realtime.Contracts.Direct;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Moderation;
using Realtime.Contracts.Notes;

namespace Realtime.Client;

/// <summary>Direct messages, blocks and reports.</summary>
public sealed partial class RealtimeClient
{
    /// <summary>Sends a private message; a retry with the same <paramref name="clientMessageId"/> is answered as a duplicate.</summary>
    public Task<DirectAck> SendDirectMessageAsync(string toUserId, string clientMessageId, string text, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<DirectAck>(HubMethods.SendDirectMessage, [toUserId, clientMessageId, text], cancellationToken);

    /// <summary>The caller's conversations, latest first.</summary>
    public Task<List<ConversationSummary>> GetConversationsAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<List<ConversationSummary>>(HubMethods.GetConversations, [limit], cancellationToken);

    /// <summary>Messages of a conversation after <paramref name="sinceSeq"/> (the latest when null).</summary>
    public Task<DirectMessagePage> GetDirectMessagesAsync(string conversationId, long? sinceSeq = null, int limit = 50, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<DirectMessagePage>(HubMethods.GetDirectMessages, [conversationId, sinceSeq, limit], cancellationToken);

    /// <summary>Marks a conversation read up to <paramref name="seq"/>.</summary>
    public Task<ConversationRead> MarkConversationReadAsync(string conversationId, long seq, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<ConversationRead>(HubMethods.MarkConversationRead, [conversationId, seq], cancellationToken);

    /// <summary>Refuses every later message from <paramref name="userId"/>.</summary>
    public Task BlockUserAsync(string userId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.BlockUser, [userId], cancellationToken);

    /// <summary>Takes messages from <paramref name="userId"/> again.</summary>
    public Task UnblockUserAsync(string userId, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync(HubMethods.UnblockUser, [userId], cancellationToken);

    /// <summary>Reports an item to the moderators (see <see cref="ReviewKinds"/> for target formats).</summary>
    public Task<ReportAck> ReportAsync(string kind, string targetId, string reason, CancellationToken cancellationToken = default) =>
        Connection.InvokeAsync<ReportAck>(HubMethods.Report, [kind, targetId, reason], cancellationToken);

    /// <summary>A direct message to or from this user.</summary>
    public IDisposable OnDirectMessage(Action<DirectMessage> handler) => Connection.On(HubEvents.DirectMessage, handler);

    /// <summary>A direct message's translation into this connection's language.</summary>
    public IDisposable OnDirectMessageTranslated(Action<DirectMessageTranslated> handler) => Connection.On(HubEvents.DirectMessageTranslated, handler);

    /// <summary>A moderator removed a direct message.</summary>
    public IDisposable OnDirectMessageDeleted(Action<DirectMessageDeleted> handler) => Connection.On(HubEvents.DirectMessageDeleted, handler);

    /// <summary>The user's unread direct messages changed.</summary>
    public IDisposable OnDirectUnread(Action<DirectUnread> handler) => Connection.On(HubEvents.DirectUnread, handler);

    /// <summary>A moderator removed a comment of a watched note.</summary>
    public IDisposable OnCommentDeleted(Action<CommentDeleted> handler) => Connection.On(HubEvents.CommentDeleted, handler);

    /// <summary>A moderator removed a watched note.</summary>
    public IDisposable OnNoteDeleted(Action<NoteDeleted> handler) => Connection.On(HubEvents.NoteDeleted, handler);
}
