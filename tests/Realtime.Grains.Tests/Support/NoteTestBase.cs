using Realtime.Contracts.Hub;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Grains.Common;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Users;

namespace Realtime.Grains.Tests.Support;

/// <summary>
/// A fresh database file per test, a host over it, notes written by <see cref="Author"/>, and the
/// two restart kinds: orderly (every grain deactivated, the host disposed) and a crash (the old
/// host is cut off from the database as a killed process is, and a new host opens the same file).
/// </summary>
public abstract class NoteTestBase : IAsyncLifetime
{
    protected const string Author = "author";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "realtime-grains-tests", Guid.NewGuid().ToString("N"));
    private readonly List<NoteTestHost> _hosts = [];
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    protected FakeClock Clock { get; } = new();

    protected NoteTestHost Host { get; private set; } = null!;

    private string DatabasePath => Path.Combine(_folder, "grains.db");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_folder);
        Host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].DisposeAsync();
            }
            catch (Exception)
            {
                // A killed host fails its last writes: expected.
            }
        }

        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Restarts the silo: orderly (deactivate, dispose) or by killing it (nothing more of it reaches storage).</summary>
    protected async Task RestartAsync(bool crash)
    {
        if (crash)
        {
            Host.Storage.Kill();
        }
        else
        {
            await Host.DisposeAsync();
        }

        Host = await StartHostAsync();
    }

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
    /// The user's whole inbox once the note has handed over everything it owes. Delivery runs
    /// outside the note's turns and reports back as a turn, so this asks until the outbox is
    /// empty (bounded); there is no event for "delivered" to await instead.
    /// </summary>
    protected async Task<InboxPage> InboxAfterDeliveryAsync(string noteId, string userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        await Note(noteId).DeliverOutboxAsync();
        while (await Note(noteId).OwedNotificationsAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"note {noteId} still owes notifications");
            await Task.Delay(5);
        }

        return await Inbox(userId).GetAsync(null, 200);
    }

    /// <summary>The recorded events of one topic on the current host.</summary>
    protected RecordingEventSink EventsOf(string topic) => Host.Events.Topic(topic);

    protected RecordingEventSink NoteEvents(string noteId) => EventsOf(Topics.Note(noteId));

    protected RecordingEventSink InboxEvents(string userId) => EventsOf(Topics.User(userId));

    /// <summary>Awaits a notification in <paramref name="userId"/>'s inbox (already recorded or to come).</summary>
    protected Task<InboxItem> NotificationAsync(string userId, Func<InboxItem, bool> where, string what, int after = 0) =>
        InboxEvents(userId).WaitForAsync(HubEvents.Notification, where, $"{what} for {userId}", after);

    protected Task<NoteCounters> NoteCountersAsync(string noteId, Func<NoteCounters, bool> where, string what, int after = 0) =>
        NoteEvents(noteId).WaitForAsync(HubEvents.NoteCounters, (NoteCounters c) => c.NoteId == noteId && where(c), what, after);

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

    private async Task<NoteTestHost> StartHostAsync()
    {
        var host = await NoteTestHost.StartAsync(DatabasePath, Clock);
        _hosts.Add(host);
        foreach (var topic in _topics)
        {
            await host.SubscribeAsync(topic);
        }

        return host;
    }
}
