using Realtime.Testing;
using Realtime.Client;
using Realtime.Contracts.Inbox;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// One connection's view of its user's inbox: the <c>notification</c> and <c>inboxUnread</c>
/// events it received, and reads of <c>GetInbox</c> that wait for the next notification between
/// reads instead of sleeping.
/// </summary>
public sealed class InboxProbe
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _arrived = new(0);

    private InboxProbe(RealtimeClient client)
    {
        Client = client;
        client.OnNotification(item =>
        {
            Notifications.Add(item);
            _arrived.Release();
        });
        client.OnInboxUnread(UnreadEvents.Add);
    }

    public RealtimeClient Client { get; }

    /// <summary>Every <c>notification</c> event this connection received.</summary>
    public EventLog<InboxItem> Notifications { get; } = new();

    /// <summary>Every <c>inboxUnread</c> event this connection received.</summary>
    public EventLog<InboxUnread> UnreadEvents { get; } = new();

    /// <summary>Starts recording a connection's inbox events (attach before anything can notify it).</summary>
    public static InboxProbe Attach(RealtimeClient client) => new(client);

    /// <summary>The whole inbox (up to 200 items).</summary>
    public Task<InboxPage> ReadAsync() => Client.GetInboxAsync(null, 200);

    /// <summary>
    /// Reads the inbox until <paramref name="done"/> holds. Between reads it waits for this
    /// connection's next notification, so an item that is still on its way is read once it is there.
    /// </summary>
    public async Task<InboxPage> UntilAsync(Func<InboxPage, bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var page = await ReadAsync();
            if (done(page))
            {
                return page;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The inbox never got there; it holds: " + Describe(page));
            }
        }
    }

    /// <summary>Waits until the inbox holds an item for every (kind, commentId) given, and returns it.</summary>
    public Task<InboxPage> UntilHoldsAsync(IEnumerable<(string Kind, string? CommentId)> expected, TimeSpan? timeout = null)
    {
        var wanted = expected.ToList();
        return UntilAsync(page => wanted.All(w => page.Items.Any(i => i.Kind == w.Kind && i.CommentId == w.CommentId)), timeout);
    }

    /// <summary>A one-line description of a page, for failure messages.</summary>
    public static string Describe(InboxPage page) =>
        $"unread {page.Unread}, lastSeq {page.LastSeq}: " + string.Join(" | ", page.Items.Select(i => $"{i.Seq}:{i.Kind}:{i.NoteId}:{i.CommentId}:{i.ActorId}:{i.Unread}:{i.Preview}"));
}
