using Realtime.Contracts.Inbox;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// A silo whose one note has a thread longer than the thousand comments a note keeps in memory,
/// each of which put an item in the author's inbox; the silo is then killed and started again,
/// so the thread and the inbox are read back from storage.
/// </summary>
public sealed class NoteLongThreadFixture : IAsyncLifetime
{
    /// <summary>Comments in the thread (and items in the author's inbox).</summary>
    public const int Comments = 1100;

    private const int Posters = 4;
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public string AuthorId { get; } = NoteWorld.NewUser("author");

    public IReadOnlyList<string> PosterIds { get; } = Enumerable.Range(0, Posters).Select(i => NoteWorld.NewUser($"poster{i}")).ToList();

    public string NoteId { get; private set; } = "";

    public string Epoch { get; private set; } = "";

    /// <summary>The text of each comment, by seq (texts name their poster and number).</summary>
    public IReadOnlyDictionary<long, string> TextBySeq { get; private set; } = new Dictionary<long, string>();

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(environment: NoteSiloFixture.RaisedLimits);
        var texts = new Dictionary<long, string>();
        await using (var world = new NoteWorld(_silo))
        {
            NoteId = (await world.CreateNoteAsync(AuthorId, "A very long thread", "Everyone has something to say.")).NoteId;
            var author = InboxProbe.Attach(await world.ConnectAsync(AuthorId));
            Epoch = (await author.Client.WatchNoteAsync(NoteId)).Epoch;
            var posters = await Task.WhenAll(PosterIds.Select(p => world.ConnectAsync(p)));
            var acks = await Task.WhenAll(posters.Select(async (poster, p) =>
            {
                var mine = new List<(long Seq, string Text)>();
                for (var n = 0; n < Comments / Posters; n++)
                {
                    var text = $"poster {p} comment {n}";
                    mine.Add(((await poster.PostCommentAsync(NoteId, $"p{p}-{n}", text)).Seq, text));
                }

                return mine;
            }));
            foreach (var (seq, text) in acks.SelectMany(a => a))
            {
                texts[seq] = text;
            }

            await author.Notifications.WaitAsync(i => i.Seq == Comments, TimeSpan.FromSeconds(60));
            var page = await author.Client.GetInboxAsync(null, 1);
            if (page.LastSeq != Comments || page.Items.Single().Kind != InboxKinds.Comment)
            {
                throw new InvalidOperationException("The author's inbox did not fill as expected: " + InboxProbe.Describe(page));
            }
        }

        TextBySeq = texts;
        await _silo.KillAsync();
        await _silo.RestartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
