using Realtime.Contracts.Hub;
using Realtime.Grains.Inbox;

namespace Realtime.Grains.Notes;

/// <summary>The note's outbox to inboxes and its tick (translation, counters, retries).</summary>
public sealed partial class NoteThreadGrain
{
    private void Owe(string recipientId, InboxDelivery delivery) =>
        State.Outbox.Add(new OutboxEntry(++State.NextOutboxId, recipientId, delivery));

    /// <summary>
    /// Sends the committed entries not already on their way. The sending happens outside the
    /// note's turns, so a slow inbox never holds up comments; the outcome comes back as a turn.
    /// </summary>
    private void DeliverDue()
    {
        var due = State.Outbox.Where(e => e.Id <= _committedOutboxId && !_inFlight.Contains(e.Id)).ToList();
        if (due.Count == 0)
        {
            return;
        }

        _outboxAttemptAt = clock.UtcNow;
        _inFlight.UnionWith(due.Select(e => e.Id));
        _ = SendAsync(due);
    }

    private async Task SendAsync(IReadOnlyList<OutboxEntry> due)
    {
        var outcomes = await Task.WhenAll(due.Select(async entry =>
        {
            try
            {
                await GrainFactory.GetGrain<IInboxGrain>(entry.RecipientId).DeliverAsync(entry.Delivery, CancellationToken.None);
                return entry.Id;
            }
            catch (Exception e)
            {
                NoteLog.OutboxDeliveryFailed(logger, GrainKey, e);
                return -entry.Id;
            }
        }));
        try
        {
            // Back on the note's scheduler: the outcome is applied as a turn of its own.
            await Run(() => ConfirmDeliveries(outcomes));
        }
        catch (Exception e)
        {
            // The note was deactivated meanwhile; its next activation replays the outbox.
            NoteLog.OutboxDeliveryFailed(logger, GrainKey, e);
        }
    }

    private void StartTicker() => _ticker ??= RegisterTick(OnTickAsync, Tick);

    private Task OnTickAsync()
    {
        TranslateCommitted();
        PruneRelays();
        TickTopics();
        if (State.Outbox.Count > 0)
        {
            // Stay active while notifications are owed, so the tick keeps retrying them.
            DelayDeactivation(TimeSpan.FromMinutes(1));
        }

        var counters = Counters;
        if (counters != _sentCounters)
        {
            _sentCounters = counters;
            Publish(Topic, HubEvents.NoteCounters, counters);
        }

        if (State.Outbox.Count > 0 && clock.UtcNow - _outboxAttemptAt >= OutboxRetry)
        {
            DeliverDue();
        }

        if (_outboxTrimmed && State.Outbox.Count == 0)
        {
            // Persist the trimmed outbox so a restart does not replay what inboxes already have.
            _outboxTrimmed = false;
            Commit();
        }

        return Task.CompletedTask;
    }

    /// <summary>The outcome of a delivery: outbox ids delivered (positive) or failed (negated).</summary>
    private void ConfirmDeliveries(long[] outcomes)
    {
        var delivered = outcomes.Where(id => id > 0).ToHashSet();
        _inFlight.ExceptWith(outcomes.Select(Math.Abs));
        if (State.Outbox.RemoveAll(e => delivered.Contains(e.Id)) > 0)
        {
            _outboxTrimmed = true;
        }
    }
}
