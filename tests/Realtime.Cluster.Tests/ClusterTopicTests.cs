using Realtime.Contracts.Hashtags;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>Hashtag topics and the trending list on three silos of one cluster on PostgreSQL.</summary>
public sealed class ClusterTopicTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NotesAndViewsSentThroughDifferentSilosLandInExactTopicCountsAndTheTrendingList()
    {
        var silos = await cluster.StartSilosAsync(3);
        await using var clients = new ClusterClients(silos[0]);
        var tag = "cluster" + Guid.NewGuid().ToString("N")[..8];
        var watcher = await clients.ConnectAsync(silos[2], null);
        var counters = new EventLog<TopicCounters>();
        var trending = new EventLog<TrendingList>();
        watcher.OnTopicCounters(counters.Add);
        watcher.OnTrending(trending.Add);
        await watcher.WatchTopicAsync(tag);
        await watcher.WatchTrendingAsync();

        // Ten notes through each silo, by four authors in turn, all at once.
        var authors = Enumerable.Range(0, 4).Select(i => $"author{i}-{tag}").ToArray();
        var tokens = await Task.WhenAll(authors.Select(clients.TokenAsync));
        var notes = (await Task.WhenAll(silos.SelectMany((silo, s) => Enumerable.Range(0, 10).Select(i =>
            clients.RestOn(silo).CreateNoteAsync($"Day {i} on silo {s} #{tag.ToUpperInvariant()}", "", tokens[(s * 10 + i) % authors.Length]))))).ToList();

        // Five views of each of three notes, each through a different silo.
        await Task.WhenAll(silos.Select(async (silo, s) =>
        {
            var viewer = await clients.ConnectAsync(silo, null);
            for (var i = 0; i < 5; i++)
            {
                await viewer.RecordViewAsync(notes[s * 7].NoteId);
            }
        }));

        var settled = await counters.WaitAsync(c => c is { Notes: 30, Views: 15 }, Patience);
        Assert.Equal(new TopicCounters(tag, 30, 15, 4), settled);
        Assert.DoesNotContain(counters.Items, c => c.Notes > 30 || c.Views > 15 || c.Participants > 4);
        var listed = await trending.WaitAsync(l => l.Window == TrendingWindows.Hour && l.Topics.Any(t => t.Tag == tag && t is { Notes: 30, Views: 15 }), Patience);
        Assert.Equal(4.5, listed.Topics.Single(t => t.Tag == tag).Growth);
        var topic = await clients.RestOn(silos[1]).GetTopicAsync(tag);
        Assert.Equal((30, 15, 4), (topic.Notes, topic.Views, topic.Participants));
        Assert.Equal(20, topic.LatestNotes.Count);
        Assert.Contains((await clients.RestOn(silos[0]).GetTrendingAsync(TrendingWindows.Day)).Topics, t => t.Tag == tag && t.Notes == 30);
    }
}
