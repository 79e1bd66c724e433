using System.Net;
using System.Net.Http.Headers;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Moderation;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>
/// The community's rules on a real silo: contacts masked in public, term lists managed by
/// operators, items held for review, reports, and decisions that release or remove items live.
/// The tests share one silo and its term lists, so each sets the lists it needs.
/// </summary>
public sealed class ModerationTests(ModerationSiloFixture fixture) : IClassFixture<ModerationSiloFixture>, IAsyncLifetime
{
    private readonly NoteWorld _world = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task AContactInAChatLineIsMaskedBeforeAnyViewerSeesIt()
    {
        await UseTermsAsync();
        var roomId = await _world.Clients.CreateRoomAsync(NoteWorld.NewUser("host"));
        var viewer = await _world.ConnectAsync(NoteWorld.NewUser("viewer"));
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var sender = await _world.ConnectAsync(NoteWorld.NewUser("sender"));

        var ack = await sender.SendChatAsync(roomId, "m1", "cheaper on my wx: lily_2026 ok?");

        Assert.True(ack.Masked);
        var line = await seen.WaitAsync(m => m.Seq == ack.Seq);
        Assert.DoesNotContain("lily_2026", line.Text, StringComparison.Ordinal);
        Assert.Contains("***", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("lily_2026", (await viewer.JoinRoomAsync(roomId, 0)).Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOperatorsManageTheTermListsAndBadListsChangeNothing()
    {
        var before = await UseTermsAsync(new ModerationTerm("en", "spoilerword", TermActions.Block));
        var userToken = await _world.TokenAsync(NoteWorld.NewUser("user"));
        var http = _world.Clients.Http;

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/moderation/terms")).StatusCode);
        using var asUser = new HttpRequestMessage(HttpMethod.Get, "api/moderation/terms");
        asUser.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(asUser)).StatusCode);
        var admin = await AdminTokenAsync();
        foreach (var bad in new[] { new ModerationTerm("en", "x", "ban"), new ModerationTerm("not a tag!", "x", TermActions.Block), new ModerationTerm("en", "  ", TermActions.Mask) })
        {
            var e = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.PutModerationTermsAsync([bad], admin));
            Assert.Equal((400, ErrorCodes.Invalid), ((int)e.StatusCode, e.Code));
        }

        var after = await _world.Rest.GetModerationTermsAsync(admin);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Terms, after.Terms);
        Assert.Equal([new ModerationTerm("en", "spoilerword", TermActions.Block)], after.Terms);
    }

    [Fact]
    public async Task ABlockedTermIsRefusedEverywhereAfterNormalisation()
    {
        await UseTermsAsync(new ModerationTerm("en", "scamlink", TermActions.Block), new ModerationTerm("zh-Hans", "代开发票", TermActions.Block));
        var roomId = await _world.Clients.CreateRoomAsync(NoteWorld.NewUser("host"));
        var writer = NoteWorld.NewUser("writer");
        var client = await _world.ConnectAsync(writer);
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var bob = NoteWorld.NewUser("bob");
        await _world.TokenAsync(bob);

        foreach (var text in new[] { "visit S.C.A.M.L.I.N.K now", "ＳＣＡＭＬＩＮＫ", "5c4ml1nk", "專業代開發票", "代 开 发 票" })
        {
            await HubAssert.FailsWith(ErrorCodes.BlockedTerm, () => client.SendChatAsync(roomId, Guid.NewGuid().ToString("N"), text));
        }

        await HubAssert.FailsWith(ErrorCodes.BlockedTerm, () => client.PostCommentAsync(note.NoteId, "c", "scamlink here"));
        await HubAssert.FailsWith(ErrorCodes.BlockedTerm, () => client.SendDirectMessageAsync(bob, "d", "scamlink here"));
        var token = await _world.TokenAsync(writer);
        var noteRefused = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.CreateNoteAsync("scamlink deals", "", token));
        Assert.Equal(ErrorCodes.BlockedTerm, noteRefused.Code);
        var nameRefused = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetDevTokenAsync(NoteWorld.NewUser("n"), "Scamlink Official"));
        Assert.Equal(ErrorCodes.BlockedTerm, nameRefused.Code);
        Assert.Empty((await client.JoinRoomAsync(roomId)).Messages);
        Assert.Equal(0, (await client.WatchNoteAsync(note.NoteId)).CommentCount);
        Assert.Equal(1, (await client.SendChatAsync(roomId, "fine", "beware of scams and links")).Seq);
    }

    [Fact]
    public async Task AMaskTermIsReplacedInTheStoredText()
    {
        await UseTermsAsync(new ModerationTerm("es", "idiota", TermActions.Mask));
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var client = await _world.ConnectAsync(NoteWorld.NewUser("writer"));

        var ack = await client.PostCommentAsync(note.NoteId, "c", "eres un IDIOTA, amigo");

        Assert.True(ack.Masked);
        Assert.Equal("eres un ***, amigo", (await client.WatchNoteAsync(note.NoteId)).Comments.Single().Text);
    }

    [Fact]
    public async Task AHeldLineReachesNobodyUntilAModeratorApprovesItThenEveryViewer()
    {
        await UseTermsAsync(new ModerationTerm("en", "giveaway", TermActions.Review));
        var roomId = await _world.Clients.CreateRoomAsync(NoteWorld.NewUser("host"));
        var viewer = await _world.ConnectAsync(NoteWorld.NewUser("viewer"));
        var seen = new EventLog<ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var writer = NoteWorld.NewUser("writer");
        var client = await _world.ConnectAsync(writer);

        var held = await client.SendChatAsync(roomId, "h1", "Big giveaway tonight!");
        var after = await client.SendChatAsync(roomId, "h2", "see you there");

        Assert.True(held.Held);
        Assert.Equal(held, await client.SendChatAsync(roomId, "h1", "Big giveaway tonight!") with { Duplicate = false });
        await seen.WaitAsync(m => m.Seq == after.Seq);
        Assert.DoesNotContain(seen.Items, m => m.Seq == held.Seq);
        Assert.Equal([after.Seq], (await viewer.JoinRoomAsync(roomId, 0)).Messages.Select(m => m.Seq));
        var admin = await AdminTokenAsync();
        var entry = (await _world.Rest.GetReviewQueueAsync(admin)).Single(i => i.TargetId == $"{roomId}:{held.Seq}");
        Assert.Equal((ReviewKinds.Chat, writer, "Big giveaway tonight!", true, ReviewStatus.Pending), (entry.Kind, entry.AuthorId, entry.Text, entry.Held, entry.Status));
        Assert.Contains("term:giveaway", entry.Reasons);

        var decided = await _world.Rest.DecideAsync(entry.Id, approve: true, admin);

        var released = await seen.WaitAsync(m => m.MessageId == held.MessageId);
        Assert.True(released.Seq > after.Seq);
        Assert.Equal("Big giveaway tonight!", released.Text);
        Assert.Equal((ReviewStatus.Approved, ModerationSiloFixture.Admin), (decided.Status, decided.DecidedBy));
        Assert.NotNull(decided.DecidedAt);
        Assert.Contains(await _world.Rest.GetReviewQueueAsync(admin, decided: true), i => i.Id == entry.Id && i.Status == ReviewStatus.Approved);
        Assert.DoesNotContain(await _world.Rest.GetReviewQueueAsync(admin), i => i.Id == entry.Id);
        var again = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.DecideAsync(entry.Id, approve: false, admin));
        Assert.Equal(409, (int)again.StatusCode);
    }

    [Fact]
    public async Task ARejectedHeldCommentNeverAppearsAndItsWriterLearnsItWasDropped()
    {
        await UseTermsAsync(new ModerationTerm("en", "dm me for deals", TermActions.Review));
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var writer = await _world.ConnectAsync(NoteWorld.NewUser("writer"));
        var deleted = new EventLog<CommentDeleted>();
        writer.OnCommentDeleted(deleted.Add);
        await writer.WatchNoteAsync(note.NoteId);

        var ack = await writer.PostCommentAsync(note.NoteId, "c", "DM me for deals!!");
        var admin = await AdminTokenAsync();
        var entry = (await _world.Rest.GetReviewQueueAsync(admin)).Single(i => i.TargetId == $"{note.NoteId}:{ack.CommentId}");
        await _world.Rest.DecideAsync(entry.Id, approve: false, admin);

        Assert.True(ack.Held);
        Assert.Equal(ack.CommentId, (await deleted.WaitAsync(d => d.CommentId == ack.CommentId)).CommentId);
        var snapshot = await writer.WatchNoteAsync(note.NoteId, 0);
        Assert.Empty(snapshot.Comments);
        Assert.Equal(0, snapshot.CommentCount);
    }

    [Fact]
    public async Task AReportedCommentRejectedByAModeratorDisappearsFromEveryWatcher()
    {
        await UseTermsAsync();
        var note = await _world.CreateNoteAsync(NoteWorld.NewUser("author"));
        var troll = await _world.ConnectAsync(NoteWorld.NewUser("troll"));
        var ack = await troll.PostCommentAsync(note.NoteId, "c", "this note is garbage");
        var watcher = await _world.ConnectAsync(NoteWorld.NewUser("watcher"));
        var deleted = new EventLog<CommentDeleted>();
        watcher.OnCommentDeleted(deleted.Add);
        await watcher.WatchNoteAsync(note.NoteId);
        var reporters = new[] { await _world.ConnectAsync(NoteWorld.NewUser("r1")), await _world.ConnectAsync(NoteWorld.NewUser("r2")) };

        var first = await reporters[0].ReportAsync(ReviewKinds.Comment, $"{note.NoteId}:{ack.CommentId}", "insulting");
        var second = await reporters[1].ReportAsync(ReviewKinds.Comment, $"{note.NoteId}:{ack.CommentId}", "rude");
        var repeated = await reporters[1].ReportAsync(ReviewKinds.Comment, $"{note.NoteId}:{ack.CommentId}", "rude again");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Id, repeated.Id);
        var admin = await AdminTokenAsync();
        var entry = (await _world.Rest.GetReviewQueueAsync(admin)).Single(i => i.Id == first.Id);
        Assert.Equal((false, "this note is garbage", 2), (entry.Held, entry.Text, entry.Reports.Count));
        Assert.Equal(["insulting", "rude"], entry.Reports.Select(r => r.Reason));
        await _world.Rest.DecideAsync(entry.Id, approve: false, admin);
        await deleted.WaitAsync(d => d.CommentId == ack.CommentId);
        var snapshot = await watcher.WatchNoteAsync(note.NoteId, 0);
        Assert.Empty(snapshot.Comments);
        Assert.Equal(0, snapshot.CommentCount);
    }

    [Fact]
    public async Task ReportsOfWhatDoesNotExistOrIsNotTheReportersToSeeAreRefused()
    {
        var (ann, bob) = (NoteWorld.NewUser("ann"), NoteWorld.NewUser("bob"));
        var annClient = await _world.ConnectAsync(ann);
        await _world.TokenAsync(bob);
        var dm = await annClient.SendDirectMessageAsync(bob, "m", "hello");
        var eve = await _world.ConnectAsync(NoteWorld.NewUser("eve"));
        var roomId = await _world.Clients.CreateRoomAsync(NoteWorld.NewUser("host"));

        await HubAssert.FailsWith(ErrorCodes.Forbidden, () => eve.ReportAsync(ReviewKinds.DirectMessage, $"{dm.ConversationId}:{dm.Seq}", "spam"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => eve.ReportAsync(ReviewKinds.Chat, $"{roomId}:5", "spam"));
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => eve.ReportAsync(ReviewKinds.User, NoteWorld.NewUser("ghost"), "spam"));
        foreach (var (kind, target) in new[] { ("post", roomId), (ReviewKinds.Chat, roomId), (ReviewKinds.Chat, roomId + ":-1"), (ReviewKinds.Note, "a:b"), (ReviewKinds.DirectMessage, "x:1") })
        {
            await HubAssert.FailsWith(ErrorCodes.Invalid, () => eve.ReportAsync(kind, target, "spam"));
        }

        await HubAssert.FailsWith(ErrorCodes.Invalid, () => eve.ReportAsync(ReviewKinds.User, ann, "  "));
        var report = await (await _world.ConnectAsync(bob)).ReportAsync(ReviewKinds.DirectMessage, $"{dm.ConversationId}:{dm.Seq}", "unwanted");
        Assert.False(string.IsNullOrEmpty(report.Id));
    }

    [Fact]
    public async Task ModeratorsReadAHeldSpanishLineInEnglishBesideTheOriginal()
    {
        await UseTermsAsync(new ModerationTerm("es", "sorteo", TermActions.Review));
        var roomId = await _world.Clients.CreateRoomAsync(NoteWorld.NewUser("host"));
        var writer = await _world.ConnectAsync(NoteWorld.NewUser("lucia"), language: "es");

        var ack = await writer.SendChatAsync(roomId, "m", "El gato negro duerme en la casa del sorteo.");
        var entry = (await _world.Rest.GetReviewQueueAsync(await AdminTokenAsync(), language: "en")).Single(i => i.TargetId == $"{roomId}:{ack.Seq}");

        Assert.Equal("es", entry.Language);
        Assert.Equal("en", entry.Translation!.Language);
        Assert.Contains("cat", entry.Translation.Text, StringComparison.OrdinalIgnoreCase);
    }

    private Task<string> AdminTokenAsync() => _world.Clients.TokenAsync(ModerationSiloFixture.Admin, "Moderator", "en");

    private async Task<ModerationTermList> UseTermsAsync(params ModerationTerm[] terms) =>
        await _world.Rest.PutModerationTermsAsync(terms, await AdminTokenAsync());
}
