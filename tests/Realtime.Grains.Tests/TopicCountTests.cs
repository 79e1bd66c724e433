using Realtime.Contracts.Hashtags;
using Realtime.Contracts.Hub;
using Realtime.Grains.Common;
using Realtime.Grains.Hashtags;
using Realtime.Grains.Notes;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>A topic's exact counts: notes once per note, views once per batch and update, distinct participants, also across retries and restarts.</summary>
public sealed class TopicCountTests : NoteTestBase
{
    private ITopicGrain TopicOf(string tag) => Host.Grains.GetGrain<ITopicGrain>(tag);

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..10];

    private Task<string> TaggedNoteAsync(string authorId, string tags, string? noteId = null)
    {
        noteId ??= "n-" + Guid.NewGuid().ToString("N")[..10];
        return Note(noteId).CreateAsync(new CreateNoteCommand(authorId, "Dinner " + tags, "Where the locals eat.", "en")).ContinueWith(_ => noteId);
    }

    private Task<TopicCounters> CountersAsync(string tag, Func<TopicCounters, bool> where, string what) =>
        EventsOf(Topics.Hashtag(tag)).WaitForAsync(HubEvents.TopicCounters, where, what);

    [Fact]
    public async Task A_note_is_counted_once_in_each_of_its_topics_however_often_its_update_is_sent()
    {
        var (first, second) = (NewTag(), NewTag());
        await SubscribeAsync(Topics.Hashtag(first));
        await SubscribeAsync(Topics.Hashtag(second));
        var noteId = await TaggedNoteAsync("ann", $"#{first.ToUpperInvariant()} and #{second}");
        await CountersAsync(first, c => c.Notes == 1, "the note in the first topic");
        await CountersAsync(second, c => c.Notes == 1, "the note in the second topic");

        Assert.Equal([first, second], (await Note(noteId).TopicStatusAsync()).Tags);
        var note = new TopicNote(noteId, "ann", "Dinner", "", "en", DateTimeOffset.UnixEpoch);
        var again = await TopicOf(first).ApplyAsync(new TopicUpdate(noteId, 1, note, 0, Retry: true));
        var unflagged = await TopicOf(first).ApplyAsync(new TopicUpdate(noteId, 1, note, 0, Retry: false));

        Assert.Equal(new TopicCounters(first, 1, 0, 1), again);
        Assert.Equal(new TopicCounters(first, 1, 0, 1), unflagged);
        Assert.Equal(new TopicCounters(second, 1, 0, 1), await TopicOf(second).CountersAsync());
        await CountersAsync(first, c => c.Notes == 1, "one note");
        var snapshot = await TopicOf(first).SnapshotAsync(20);
        Assert.Equal([noteId], snapshot!.LatestNotes.Select(n => n.NoteId));
    }

    [Fact]
    public async Task Participants_are_the_distinct_authors_of_a_topics_notes()
    {
        var tag = NewTag();
        await SubscribeAsync(Topics.Hashtag(tag));
        var notes = new List<string>();
        foreach (var author in new[] { "ann", "bob", "ann", "cat", "bob", "ann" })
        {
            notes.Add(await TaggedNoteAsync(author, "#" + tag));
        }

        await CountersAsync(tag, c => c.Notes == 6, "six notes");

        Assert.Equal(new TopicCounters(tag, 6, 0, 3), await TopicOf(tag).CountersAsync());
        var latest = (await TopicOf(tag).SnapshotAsync(20))!.LatestNotes;
        Assert.Equal(notes.AsEnumerable().Reverse(), latest.Select(n => n.NoteId));
    }

    [Fact]
    public async Task Participants_stay_distinct_after_a_restart_when_the_topic_asks_its_log()
    {
        var tag = NewTag();
        await SubscribeAsync(Topics.Hashtag(tag));
        await TaggedNoteAsync("ann", "#" + tag);
        await CountersAsync(tag, c => c.Notes == 1, "the first note");

        await RestartAsync(crash: false);
        await TaggedNoteAsync("ann", "#" + tag);
        await TaggedNoteAsync("bob", "#" + tag);
        await CountersAsync(tag, c => c.Notes == 3, "three notes");

        Assert.Equal(new TopicCounters(tag, 3, 0, 2), await TopicOf(tag).CountersAsync());
    }

    [Fact]
    public async Task A_view_batch_counts_once_per_silo_and_number_and_its_views_reach_every_tag_once()
    {
        var (first, second) = (NewTag(), NewTag());
        await SubscribeAsync(Topics.Hashtag(first));
        await SubscribeAsync(Topics.Hashtag(second));
        var noteId = await TaggedNoteAsync("ann", $"#{first} #{second}");

        await Note(noteId).RecordViewsAsync(new ViewBatch("silo-a", 1, 5));
        await Note(noteId).RecordViewsAsync(new ViewBatch("silo-a", 1, 5));
        await Note(noteId).RecordViewsAsync(new ViewBatch("silo-b", 1, 2));
        await Note(noteId).RecordViewsAsync(new ViewBatch("silo-a", 2, 3));
        await Note(noteId).RecordViewsAsync(new ViewBatch("silo-a", 1, 5));

        Assert.Equal(10, (await Note(noteId).TopicStatusAsync()).Views);
        await CountersAsync(first, c => c.Views == 10, "10 views");
        await CountersAsync(second, c => c.Views == 10, "10 views in the second topic");
        Assert.Equal(10, (await TopicOf(first).CountersAsync()).Views);
        Assert.Equal(10, (await TopicOf(second).CountersAsync()).Views);
    }

    [Fact]
    public async Task A_view_update_sent_again_after_the_topic_restarted_is_found_in_its_log_and_not_counted_twice()
    {
        var tag = NewTag();
        var update = new TopicUpdate("n-direct", 7, null, 40, Retry: false);
        Assert.Equal(40, (await TopicOf(tag).ApplyAsync(update)).Views);

        await RestartAsync(crash: true);

        Assert.Equal(40, (await TopicOf(tag).ApplyAsync(update with { Retry = true })).Views);
        Assert.Equal(41, (await TopicOf(tag).ApplyAsync(new TopicUpdate("n-direct", 8, null, 1, Retry: false))).Views);
    }

    [Fact]
    public async Task A_note_held_for_review_joins_its_topics_only_once_approved()
    {
        var tag = NewTag();
        await SubscribeAsync(Topics.Hashtag(tag));
        var noteId = "n-" + Guid.NewGuid().ToString("N")[..10];
        await Note(noteId).CreateAsync(new CreateNoteCommand("ann", "Held #" + tag, "", "en", Held: true));

        // A held note owes its topics nothing: no update is on its way that could still arrive.
        Assert.Equal(0, (await Note(noteId).TopicStatusAsync()).OwedUpdates);
        Assert.Null(await TopicOf(tag).SnapshotAsync(20));

        await Note(noteId).ModerateNoteAsync(approve: true);

        await CountersAsync(tag, c => c.Notes == 1, "the approved note");
        Assert.Equal(1, (await TopicOf(tag).CountersAsync()).Notes);
    }

    [Fact]
    public async Task Views_of_a_note_that_does_not_exist_are_refused()
    {
        var e = await Assert.ThrowsAsync<RealtimeException>(() => Note("n-missing").RecordViewsAsync(new ViewBatch("silo-a", 1, 1)));
        Assert.Equal("not_found", e.Code);
    }
}
