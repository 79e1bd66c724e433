using Orleans.Runtime;
using Realtime.Contracts.Moderation;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;
using Realtime.Storage;

namespace Realtime.Grains.Moderation;

/// <summary>
/// The review queue. Pending entries are in its state; a decision moves the entry, stamped with the
/// moderator and the time, into the log, which is the record of every decision. Reports of the
/// same target gather into one pending entry.
/// </summary>
public sealed class ModerationQueueGrain(
    [PersistentState(ModerationQueueGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<ModerationQueueState>> state,
    DurableGrainServices services,
    IClock clock) : DurableGrain<ModerationQueueState>(state, services), IModerationQueueGrain
{
    /// <summary>The queue's only key.</summary>
    public const string Key = "queue";

    /// <summary>The queue's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "moderation-queue";

    /// <summary>Pending entries the queue holds; beyond it, new ones are refused until moderators catch up.</summary>
    public const int MaxPending = 10_000;

    /// <summary>Reports one entry keeps.</summary>
    public const int MaxReports = 100;

    private const int RecentDecisions = 500;
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    private readonly List<ReviewItem> _decided = [];
    private readonly Dictionary<string, string> _pendingByTarget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string ModeratorId, long Until)> _claims = new(StringComparer.Ordinal);

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        var tail = await ReadLogTailAsync(RecentDecisions, cancellationToken);
        _decided.AddRange(tail.Select(r => GrainJson.Deserialize<ReviewItem>(r.Payload)));
        foreach (var item in State.Pending.Values)
        {
            _pendingByTarget[TargetKey(item.Kind, item.TargetId)] = item.Id;
        }
    }

    Task<ReviewItem> IModerationQueueGrain.SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken) => Run(() =>
    {
        var now = clock.UtcNow;
        var targetKey = TargetKey(submission.Kind, submission.TargetId);
        if (_pendingByTarget.TryGetValue(targetKey, out var existingId) && State.Pending.TryGetValue(existingId, out var existing))
        {
            var reports = existing.Reports;
            if (submission.Report is { } report && reports.Count < MaxReports && reports.All(r => r.ReporterId != report.ReporterId))
            {
                reports = [.. reports, report];
            }

            var merged = existing with
            {
                Reasons = existing.Reasons.Union(submission.Reasons).ToList(),
                Reports = reports,
                Held = existing.Held || submission.Held,
            };
            if (merged.Reports.Count != existing.Reports.Count || merged.Reasons.Count != existing.Reasons.Count || merged.Held != existing.Held)
            {
                State.Pending[existing.Id] = merged;
                Commit();
            }

            return merged;
        }

        if (State.Pending.Count >= MaxPending)
        {
            throw new RealtimeException("unavailable", "the review queue is full; try again later");
        }

        var item = new ReviewItem(
            (++State.NextId).ToString(System.Globalization.CultureInfo.InvariantCulture), submission.Kind, submission.TargetId, submission.AuthorId,
            submission.Text, submission.Language, submission.Reasons.ToList(), submission.Report is { } first ? [first] : [],
            submission.Held, now, ReviewStatus.Pending, null, null, null);
        State.Pending[item.Id] = item;
        _pendingByTarget[targetKey] = item.Id;
        Commit();
        return item;
    });

    Task<ReviewItem> IModerationQueueGrain.ClaimAsync(string id, string moderatorId, CancellationToken cancellationToken) => Run(() =>
    {
        var item = Pending(id);
        EnsureNotClaimedByAnother(id, moderatorId);
        _claims[id] = (moderatorId, Environment.TickCount64 + (long)ClaimLifetime.TotalMilliseconds);
        return item;
    });

    Task<IReadOnlyList<ReviewItem>> IModerationQueueGrain.ListAsync(bool decided, int limit, CancellationToken cancellationToken) => Run<IReadOnlyList<ReviewItem>>(() =>
        decided
            ? _decided.AsEnumerable().Reverse().Take(limit).ToList()
            : State.Pending.Values.OrderBy(i => i.CreatedAt).ThenBy(i => long.Parse(i.Id, System.Globalization.CultureInfo.InvariantCulture)).Take(limit).ToList());

    Task<ReviewItem> IModerationQueueGrain.DecideAsync(string id, bool approve, string moderatorId, CancellationToken cancellationToken) => Run(() =>
    {
        var item = Pending(id);
        EnsureNotClaimedByAnother(id, moderatorId);
        State.Pending.Remove(id);
        _pendingByTarget.Remove(TargetKey(item.Kind, item.TargetId));
        _claims.Remove(id);

        var decided = item with
        {
            Status = approve ? ReviewStatus.Approved : ReviewStatus.Rejected,
            DecidedBy = moderatorId,
            DecidedAt = clock.UtcNow,
        };
        AppendLog(new LogRecord(++State.Decisions, null, GrainJson.Serialize(decided)));
        _decided.Add(decided);
        if (_decided.Count > RecentDecisions)
        {
            _decided.RemoveAt(0);
        }

        Commit();
        return decided;
    });

    private ReviewItem Pending(string id)
    {
        if (State.Pending.TryGetValue(id, out var item))
        {
            return item;
        }

        // Ids are handed out in order and never reused: a known id that is not pending was decided.
        throw long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= State.NextId
            ? RealtimeException.Conflict($"entry {id} was decided already")
            : RealtimeException.NotFound($"no entry {id} in the queue");
    }

    private void EnsureNotClaimedByAnother(string id, string moderatorId)
    {
        if (_claims.TryGetValue(id, out var claim) && claim.ModeratorId != moderatorId && claim.Until > Environment.TickCount64)
        {
            throw RealtimeException.Conflict($"entry {id} is being decided by {claim.ModeratorId}");
        }
    }

    private static string TargetKey(string kind, string targetId) => kind + "\n" + targetId;
}
