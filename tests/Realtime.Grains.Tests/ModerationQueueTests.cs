using Realtime.Contracts.Moderation;
using Realtime.Grains.Moderation;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>The review queue: reports gather per target, decisions are claimed, recorded once, and survive a restart.</summary>
public sealed class ModerationQueueTests() : RoomTestBase(shared: null)
{
    private IModerationQueueGrain Queue => Host.Grains.GetGrain<IModerationQueueGrain>(ModerationQueueGrain.Key);

    [Fact]
    public async Task Reports_of_one_target_gather_in_one_entry_with_one_report_per_reporter()
    {
        var first = await Queue.SubmitAsync(Report("r1:1", "ann", "spam"));
        var second = await Queue.SubmitAsync(Report("r1:1", "bob", "rude"));
        var again = await Queue.SubmitAsync(Report("r1:1", "bob", "rude again"));
        var other = await Queue.SubmitAsync(Report("r1:2", "ann", "spam"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(["ann", "bob"], again.Reports.Select(r => r.ReporterId));
        Assert.Equal([first.Id, other.Id], (await Queue.ListAsync(decided: false, 10)).Select(i => i.Id));
    }

    [Fact]
    public async Task An_entry_claimed_by_one_moderator_cannot_be_decided_by_another_and_is_decided_once()
    {
        var entry = await Queue.SubmitAsync(Report("r1:1", "ann", "spam"));

        await Queue.ClaimAsync(entry.Id, "mod-a");
        await RefusedAsync("conflict", () => Queue.ClaimAsync(entry.Id, "mod-b"));
        await RefusedAsync("conflict", () => Queue.DecideAsync(entry.Id, approve: true, "mod-b"));
        var decided = await Queue.DecideAsync(entry.Id, approve: false, "mod-a");

        Assert.Equal((ReviewStatus.Rejected, "mod-a"), (decided.Status, decided.DecidedBy));
        await RefusedAsync("conflict", () => Queue.DecideAsync(entry.Id, approve: true, "mod-a"));
        await RefusedAsync("not_found", () => Queue.ClaimAsync("999", "mod-a"));
        await RestartAsync(crash: true);
        Assert.Equal([entry.Id], (await Queue.ListAsync(decided: true, 10)).Select(i => i.Id));
        Assert.Empty(await Queue.ListAsync(decided: false, 10));
        await RefusedAsync("conflict", () => Queue.ClaimAsync(entry.Id, "mod-b"));
    }

    private static ReviewSubmission Report(string targetId, string reporterId, string reason) =>
        new(ReviewKinds.Chat, targetId, "troll", "bad words", "en", ["report"], new ReportEntry(reporterId, reason, DateTimeOffset.UtcNow), Held: false);
}
