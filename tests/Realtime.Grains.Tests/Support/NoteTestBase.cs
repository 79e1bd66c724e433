using Orleans.Runtime;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Grains.Common;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Users;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// A cluster on a fresh database per test (inboxes and users have fixed ids), notes written by
/// <see cref="Author"/>, and the two restart kinds: orderly (every grain deactivated, the silos
/// stopped) and a crash (the silos are killed and cut off from the database, and a new cluster
/// opens the same file).
/// </summary>
public abstract class NoteTestBase : IAsyncLifetime
{
    protected const string Author = "author";

    private readonly ClusterFixture _fixture = new();
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    protected FakeClock Clock => _fixture.Clock;

    protected GrainCluster Host => _fixture.Cluster;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    /// <summary>Restarts the silos: orderly (deactivate, stop) or by killing them; every watched topic is subscribed again.</summary>
    protected async Task RestartAsync(bool crash)
    {
        await _fixture.RestartAsync(crash);
        await SubscribeAgainAsync();
    }

    /// <summary>
    /// Deactivates every activation idle for <paramref name="idleFor"/> or longer, as the idle
    /// collector does. Subscriptions live in the publishing activations: the test subscribes
    /// again to what it still watches, as a silo's relay renews its subscriptions.
    /// </summary>
    protected Task CollectIdleAsync(TimeSpan idleFor) =>
        Host.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(idleFor);

    /// <summary>True when the note has an activation now; asks the silos, not the note.</summary>
    protected bool IsActive(string noteId) => Host.Cluster.TryGetGrainContext(Note(noteId).GetGrainId(), out _);

    protected INoteThreadGrain Note(string noteId) => Host.Grains.GetGrain<INoteThreadGrain>(noteId);

    protected IInboxGrain Inbox(string userId) => Host.Grains.GetGrain<IInboxGrain>(userId);

    protected IUserGrain User(string userId) => Host.Grains.GetGrain<IUserGrain>(userId);

    protected static string NameOf(string userId) => char.ToUpperInvariant(userId[0]) + userId[1..];

    /// <summary>Creates a note by <paramref name="authorId"/> and records its events.</summary>
    protected async Task<string> CreateNoteAsync(string authorId = Author, string? noteId = null)
    {
        noteId ??= "n-" + Guid.NewGuid().ToString("N")[..10];
        await SubscribeAsync(Topics.Note(noteId));
        await Note(noteId).CreateAsync(new CreateNoteCommand(authorId, "Title of " + noteId, "Body", "en"));
        return noteId;
    }

    /// <summary>Makes the users known (mentionable) and records their inbox events.</summary>
    protected async Task RegisterAsync(params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            await WatchInboxAsync(userId);
            await User(userId).RegisterAsync(NameOf(userId));
        }
    }

    /// <summary>Records the inbox events of users (known or not).</summary>
    protected async Task WatchInboxAsync(params string[] userIds)
    {
        foreach (var userId in userIds)
        {
            await SubscribeAsync(Topics.User(userId));
        }
    }

    protected Task<CommentAck> CommentAsync(string noteId, string userId, string clientMessageId, string? text = null, string? replyTo = null) =>
        Note(noteId).PostCommentAsync(new PostCommentCommand(userId, NameOf(userId), clientMessageId, text ?? $"{userId} says {clientMessageId}", "en", replyTo));

    protected Task<NoteSnapshot> WatchAsync(string noteId, long? sinceSeq = null, string? userId = null) =>
        Note(noteId).WatchAsync(new WatchNoteCommand(userId, sinceSeq, null));

    protected Task<NoteCounters> LikeAsync(string noteId, string userId, bool liked = true) =>
        Note(noteId).LikeNoteAsync(userId, NameOf(userId), liked);

    protected Task<NoteCounters> CollectAsync(string noteId, string userId, bool collected = true) =>
        Note(noteId).CollectNoteAsync(userId, NameOf(userId), collected);

    protected Task<CommentCounters> LikeCommentAsync(string noteId, string userId, string commentId, bool liked = true) =>
        Note(noteId).LikeCommentAsync(userId, NameOf(userId), commentId, liked);

    /// <summary>
    /// Waits until the note has handed over everything it owes. Delivery runs outside the note's
    /// turns and reports back as a turn, so this asks until the outbox is empty (bounded); there is
    /// no event for "delivered" to await instead.
    /// </summary>
    protected async Task DeliveredAsync(string noteId)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Timeout;
        while (await Note(noteId).OwedNotificationsAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"note {noteId} still owes notifications");
            await Task.Delay(5);
        }
    }

    /// <summary>The user's whole inbox once the note has handed over everything it owes.</summary>
    protected async Task<InboxPage> InboxAfterDeliveryAsync(string noteId, string userId)
    {
        await DeliveredAsync(noteId);
        return await Inbox(userId).GetAsync(null, 200);
    }

    /// <summary>The recorded events of one topic on the current cluster.</summary>
    protected EventRecorder EventsOf(string topic) => Host.Events.Topic(topic);

    protected EventRecorder NoteEvents(string noteId) => EventsOf(Topics.Note(noteId));

    protected EventRecorder InboxEvents(string userId) => EventsOf(Topics.User(userId));

    /// <summary>Awaits a notification in <paramref name="userId"/>'s inbox (already recorded or to come).</summary>
    protected Task<InboxItem> NotificationAsync(string userId, Func<InboxItem, bool> where, string what, int after = 0) =>
        InboxEvents(userId).WaitForAsync(HubEvents.Notification, where, $"{what} for {userId}", after);

    protected Task<NoteCounters> NoteCountersAsync(string noteId, Func<NoteCounters, bool> where, string what, int after = 0) =>
        NoteEvents(noteId).WaitForAsync(HubEvents.NoteCounters, (NoteCounters c) => c.NoteId == noteId && where(c), what, after);

    /// <summary>Makes every inbox write fail until <see cref="EndInboxOutage"/>.</summary>
    protected void RefuseInboxWrites() => Host.Faults.RefuseWrites(InboxGrain.StateName);

    protected void EndInboxOutage() => Host.Faults.RefuseWrites(null);

    /// <summary>Awaits a refused inbox write: a delivery attempt that failed.</summary>
    protected Task InboxWriteRefusedAsync() => Host.Faults.Refused.WaitAsync(EventRecorder.Timeout);

    protected static async Task<RealtimeException> RefusedAsync(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RealtimeException>(call);
        Assert.Equal(code, e.Code);
        return e;
    }

    protected async Task SubscribeAsync(string topic)
    {
        _topics.Add(topic);
        await Host.SubscribeAsync(topic);
    }

    private async Task SubscribeAgainAsync()
    {
        foreach (var topic in _topics)
        {
            await Host.SubscribeAsync(topic);
        }
    }
}
