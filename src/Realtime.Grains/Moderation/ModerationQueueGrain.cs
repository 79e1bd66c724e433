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

    private const int RecentDecisions = 500;

    private readonly List<ReviewItem> _decided = [];

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        var tail = await ReadLogTailAsync(RecentDecisions, cancellationToken);
        _decided.AddRange(tail.Select(r => GrainJson.Deserialize<ReviewItem>(r.Payload)));
    }

    Task<ReviewItem> IModerationQueueGrain.SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken) => Run(() =>
    {
        var now = clock.UtcNow;
        var existing = State.Pending.Values.FirstOrDefault(i => i.Kind == submission.Kind && i.TargetId == submission.TargetId);
        if (existing is not null)
        {
            var reports = existing.Reports;
            if (submission.Report is { } report && reports.All(r => r.ReporterId != report.ReporterId))
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

        var item = new ReviewItem(
            (++State.NextId).ToString(System.Globalization.CultureInfo.InvariantCulture), submission.Kind, submission.TargetId, submission.AuthorId,
            submission.Text, submission.Language, submission.Reasons.ToList(), submission.Report is { } first ? [first] : [],
            submission.Held, now, ReviewStatus.Pending, null, null, null);
        State.Pending[item.Id] = item;
        Commit();
        return item;
    });

    Task<ReviewItem?> IModerationQueueGrain.GetAsync(string id, CancellationToken cancellationToken) => Run(() =>
        State.Pending.GetValueOrDefault(id) ?? _decided.LastOrDefault(i => i.Id == id));

    Task<IReadOnlyList<ReviewItem>> IModerationQueueGrain.ListAsync(bool decided, int limit, CancellationToken cancellationToken) => Run<IReadOnlyList<ReviewItem>>(() =>
        decided
            ? _decided.AsEnumerable().Reverse().Take(limit).ToList()
            : State.Pending.Values.OrderBy(i => i.CreatedAt).ThenBy(i => long.Parse(i.Id, System.Globalization.CultureInfo.InvariantCulture)).Take(limit).ToList());

    Task<ReviewItem> IModerationQueueGrain.DecideAsync(string id, bool approve, string moderatorId, CancellationToken cancellationToken) => Run(() =>
    {
        if (!State.Pending.Remove(id, out var item))
        {
            throw _decided.Any(i => i.Id == id)
                ? RealtimeException.Conflict($"entry {id} was decided already")
                : RealtimeException.NotFound($"no entry {id} in the queue");
        }

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
}
