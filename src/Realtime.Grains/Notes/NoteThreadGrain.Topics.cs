using Realtime.Contracts.Hashtags;
using Realtime.Grains.Hashtags;

namespace Realtime.Grains.Notes;

/// <summary>
/// The note's views and what it owes its hashtags' topics. Like the inbox outbox, topic updates are
/// written into the note's state in the commit that causes them and handed over after it; each
/// topic dedupes them (the note once per note id, views once per update id), so a resend after a
/// lost answer or a crash is counted once. Views reach the topics at most once a second per note.
/// </summary>
public sealed partial class NoteThreadGrain
{
    private static readonly TimeSpan ViewForwardInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TopicRetry = TimeSpan.FromSeconds(1);

    // Entries created by this activation and never sent: a topic cannot have them yet, so it need not look them up.
    private readonly HashSet<(string Tag, long Id)> _neverSent = [];
    private readonly HashSet<(string Tag, long Id)> _topicsInFlight = [];
    private long _committedTopicUpdateId;
    private long _viewsForwardedAt;
    private long _topicAttemptAt;
    private bool _topicOutboxTrimmed;

    Task INoteThreadGrain.RecordViewsAsync(ViewBatch batch, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists();
        if (batch.Count <= 0)
        {
            throw Common.RealtimeException.Invalid("a view batch counts at least one view");
        }

        if (State.ViewBatches.TryGetValue(batch.SiloId, out var last) && batch.Number <= last)
        {
            // Counted before; answered once that count is durable.
            Commit();
            return;
        }

        State.ViewBatches[batch.SiloId] = batch.Number;
        State.Views += batch.Count;
        if (State.Tags.Count > 0 && !State.Held)
        {
            State.UnforwardedViews += batch.Count;
        }

        Commit();
    });

    Task<NoteTopicStatus> INoteThreadGrain.TopicStatusAsync(CancellationToken cancellationToken) =>
        Run(() => new NoteTopicStatus(State.Tags, State.Views, State.TopicOutbox.Count));

    protected override Task OnDeactivatingAsync(CancellationToken cancellationToken)
    {
        if (_topicOutboxTrimmed || State.UnforwardedViews > 0)
        {
            // Views not yet handed over go now, as an update the next activation resends if need be.
            OweTopicsViews();
            _topicOutboxTrimmed = false;
            Commit();
        }

        return Task.CompletedTask;
    }

    /// <summary>One update per tag adding the note to its topics (when it becomes public).</summary>
    private void OweTopicsTheNote()
    {
        if (State.Tags.Count == 0)
        {
            return;
        }

        var id = ++State.NextTopicUpdateId;
        var note = new TopicNote(GrainKey, State.AuthorId, State.Title, TopicNote.Excerpt(State.Body), State.Language, State.CreatedAt);
        foreach (var tag in State.Tags)
        {
            State.TopicOutbox.Add(new TopicOutboxEntry(tag, id, note, 0));
            _neverSent.Add((tag, id));
        }
    }

    private void OweTopicsViews()
    {
        if (State.UnforwardedViews <= 0 || State.Tags.Count == 0)
        {
            return;
        }

        var id = ++State.NextTopicUpdateId;
        foreach (var tag in State.Tags)
        {
            State.TopicOutbox.Add(new TopicOutboxEntry(tag, id, null, State.UnforwardedViews));
            _neverSent.Add((tag, id));
        }

        State.UnforwardedViews = 0;
    }

    /// <summary>From the note's tick: views go to the topics at most once a second; failed updates are sent again.</summary>
    private void TickTopics()
    {
        var now = Environment.TickCount64;
        if (State.UnforwardedViews > 0 && now - _viewsForwardedAt >= ViewForwardInterval.TotalMilliseconds)
        {
            _viewsForwardedAt = now;
            OweTopicsViews();
            Commit();
        }

        if (State.TopicOutbox.Count > 0)
        {
            // Stay active while topics are owed updates, so the tick keeps retrying them.
            DelayDeactivation(TimeSpan.FromMinutes(1));
            if (now - _topicAttemptAt >= TopicRetry.TotalMilliseconds)
            {
                DeliverTopicUpdates();
            }
        }
    }

    /// <summary>Sends the committed updates not already on their way, outside the note's turns.</summary>
    private void DeliverTopicUpdates()
    {
        var due = State.TopicOutbox.Where(e => e.Id <= _committedTopicUpdateId && !_topicsInFlight.Contains((e.Tag, e.Id))).ToList();
        if (due.Count == 0)
        {
            return;
        }

        _topicAttemptAt = Environment.TickCount64;
        foreach (var entry in due)
        {
            _topicsInFlight.Add((entry.Tag, entry.Id));
            var retry = !_neverSent.Remove((entry.Tag, entry.Id));
            _ = SendTopicUpdateAsync(entry, retry);
        }
    }

    private async Task SendTopicUpdateAsync(TopicOutboxEntry entry, bool retry)
    {
        var delivered = false;
        try
        {
            await GrainFactory.GetGrain<ITopicGrain>(entry.Tag)
                .ApplyAsync(new TopicUpdate(GrainKey, entry.Id, entry.Note, entry.Views, retry), CancellationToken.None);
            delivered = true;
        }
        catch (Exception e)
        {
            Hashtags.TopicLog.UpdateFailed(logger, GrainKey, entry.Tag, e);
        }

        try
        {
            // Back on the note's scheduler, as a turn of its own.
            await Run(() =>
            {
                _topicsInFlight.Remove((entry.Tag, entry.Id));
                if (delivered && State.TopicOutbox.Remove(entry))
                {
                    // Written with the next commit (or on deactivation): a replay before then is deduped by the topic.
                    _topicOutboxTrimmed = true;
                }
            });
        }
        catch (Exception e)
        {
            // The note was deactivated meanwhile; its next activation replays the outbox.
            Hashtags.TopicLog.UpdateFailed(logger, GrainKey, entry.Tag, e);
        }
    }
}
