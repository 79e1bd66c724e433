using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class NoteFlowSmokeTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly SiloClients _clients = new(fixture.Silo);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Fact]
    public async Task ACommentReachesWatchersAndEveryConnectionOfTheAuthorsInbox()
    {
        var author = SiloClients.NewId("author");
        var note = await _clients.Rest.CreateNoteAsync("Hotpot guide", "Where to eat", await _clients.TokenAsync(author));
        var phone = await _clients.ConnectAsync(author);
        var laptop = await _clients.ConnectAsync(author);
        var phoneInbox = new EventLog<InboxItem>();
        var laptopInbox = new EventLog<InboxItem>();
        phone.OnNotification(phoneInbox.Add);
        laptop.OnNotification(laptopInbox.Add);
        var watcher = await _clients.ConnectAsync(null);
        var comments = new EventLog<Comment>();
        watcher.OnComment(comments.Add);
        await watcher.WatchNoteAsync(note.NoteId);
        var commenter = await _clients.ConnectAsync(SiloClients.NewId("fan"));

        var ack = await commenter.PostCommentAsync(note.NoteId, "c1", "Looks delicious!");

        var seen = await comments.WaitAsync(c => c.Seq == ack.Seq);
        Assert.Equal("Looks delicious!", seen.Text);
        var onPhone = await phoneInbox.WaitAsync(i => i.CommentId == ack.CommentId);
        await laptopInbox.WaitAsync(i => i.CommentId == ack.CommentId);
        Assert.Equal(InboxKinds.Comment, onPhone.Kind);
        Assert.Equal(1, onPhone.Unread);
        var page = await phone.GetInboxAsync();
        Assert.Equal(1, page.Unread);
        Assert.Single(page.Items);
    }
}
