using System.Globalization;
using System.Text.RegularExpressions;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>Translation through the real local providers (Apertium eng-spa, OpenCC) on a silo of its own.</summary>
public sealed partial class TranslationTests : IAsyncLifetime
{
    private SiloProcess _silo = null!;
    private SiloClients _clients = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["RateLimits__ChatBurst"] = "1000",
            ["RateLimits__ChatPerSecond"] = "1000",
        });
        _clients = new SiloClients(_silo);
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task AnEnglishDirectMessageReachesItsSpanishReaderTranslatedAndItsWriterUntranslated()
    {
        var lucia = await _clients.ConnectAsync("dm-lucia", language: "es");
        var emma = await _clients.ConnectAsync("dm-emma", language: "en");
        var luciaSaw = new EventLog<Realtime.Contracts.Direct.DirectMessageTranslated>();
        var emmaSaw = new EventLog<Realtime.Contracts.Direct.DirectMessageTranslated>();
        var emmaMessages = new EventLog<Realtime.Contracts.Direct.DirectMessage>();
        lucia.OnDirectMessageTranslated(luciaSaw.Add);
        emma.OnDirectMessageTranslated(emmaSaw.Add);
        emma.OnDirectMessage(emmaMessages.Add);
        await lucia.GetConversationsAsync();
        await emma.GetConversationsAsync();

        var ack = await emma.SendDirectMessageAsync("dm-lucia", "m1", "The black cat sleeps in the house.");
        var second = await emma.SendDirectMessageAsync("dm-lucia", "m2", "The dog sleeps too.");

        var translated = await luciaSaw.WaitAsync(t => t.Seq == ack.Seq, TimeSpan.FromSeconds(30));
        Assert.Equal((ack.ConversationId, "es"), (translated.ConversationId, translated.Language));
        Assert.Contains("gato", translated.Text, StringComparison.OrdinalIgnoreCase);
        await luciaSaw.WaitAsync(t => t.Seq == second.Seq, TimeSpan.FromSeconds(30));
        await emmaMessages.WaitAsync(m => m.Seq == second.Seq);
        Assert.Empty(emmaSaw.Items);
        var page = await lucia.GetDirectMessagesAsync(ack.ConversationId);
        Assert.Contains("gato", page.Messages[0].Translation!.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ASpanishReaderGetsASpanishTranslationAndAnEnglishReaderGetsNone()
    {
        var roomId = await _clients.CreateRoomAsync("host");
        var spanish = await _clients.ConnectAsync("lucia", language: "es");
        var english = await _clients.ConnectAsync("emma", language: "en");
        var spanishSaw = new EventLog<ChatTranslated>();
        var englishSaw = new EventLog<ChatTranslated>();
        var englishChat = new EventLog<ChatMessage>();
        spanish.OnChatTranslated(spanishSaw.Add);
        english.OnChatTranslated(englishSaw.Add);
        english.OnChat(englishChat.Add);
        await spanish.JoinRoomAsync(roomId);
        await english.JoinRoomAsync(roomId);
        var sender = await _clients.ConnectAsync("sam", language: "en");

        var ack = await sender.SendChatAsync(roomId, "m1", "The black cat sleeps in the house.");
        await sender.SendChatAsync(roomId, "m2", "Now the second message arrives.");

        var translated = await spanishSaw.WaitAsync(t => t.Seq == ack.Seq, TimeSpan.FromSeconds(30));
        Assert.Equal("es", translated.Language);
        Assert.Contains("gato", translated.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(translated.Explanations);
        await spanishSaw.WaitAsync(t => t.Seq == ack.Seq + 1, TimeSpan.FromSeconds(30));
        await englishChat.WaitAsync(m => m.Seq == ack.Seq + 1);
        Assert.Empty(englishSaw.Items);
        Assert.Equal("en", englishChat.Items[0].Language);
    }

    [Fact]
    public async Task ReadersOfTwoOtherLanguagesCostExactlyTwoPairsPerMessageHoweverManyReadThem()
    {
        await using var azure = await AzureTranslatorDouble.StartAsync();
        await using var silo = await SiloProcess.StartAsync(environment: azure.SiloSettings.ToDictionary());
        await using var clients = new SiloClients(silo);
        var roomId = await clients.CreateRoomAsync("host");
        var readers = new List<(string Language, EventLog<ChatTranslated> Log)>();
        foreach (var (language, count) in new[] { ("es", 10), ("fr", 10), ("en", 5) })
        {
            for (var i = 0; i < count; i++)
            {
                var reader = await clients.ConnectAsync(null);
                await reader.SetLanguageAsync(language);
                var log = new EventLog<ChatTranslated>();
                reader.OnChatTranslated(log.Add);
                await reader.JoinRoomAsync(roomId);
                readers.Add((language, log));
            }
        }

        var sender = await clients.ConnectAsync("sam", language: "en");
        var acks = new List<ChatAck>();
        for (var i = 0; i < 5; i++)
        {
            acks.Add(await sender.SendChatAsync(roomId, $"m{i}", $"Message number {i} for everybody here"));
        }

        foreach (var (language, log) in readers.Where(r => r.Language != "en"))
        {
            foreach (var ack in acks)
            {
                var translated = await log.WaitAsync(t => t.Seq == ack.Seq, TimeSpan.FromSeconds(30));
                Assert.StartsWith($"[{language}] ", translated.Text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(acks.Count * 2, azure.Pairs.Count);
        Assert.Equal(acks.Count, azure.Pairs.Count(p => p.To == "es"));
        Assert.Equal(acks.Count, azure.Pairs.Count(p => p.To == "fr"));
        Assert.All(readers.Where(r => r.Language == "en"), r => Assert.Empty(r.Log.Items));
    }

    [Fact]
    public async Task AFailingProviderNeverStopsTheOriginal()
    {
        await using var azure = await AzureTranslatorDouble.StartAsync();
        azure.Failing = true;
        var settings = azure.SiloSettings.ToDictionary();
        settings["RateLimits__ChatBurst"] = "100";
        await using var silo = await SiloProcess.StartAsync(environment: settings);
        await using var clients = new SiloClients(silo);
        var roomId = await clients.CreateRoomAsync("host");
        var reader = await clients.ConnectAsync("lena", language: "de");
        var chat = new EventLog<ChatMessage>();
        reader.OnChat(chat.Add);
        await reader.JoinRoomAsync(roomId);
        var sender = await clients.ConnectAsync("sam", language: "en");

        var acks = new List<ChatAck>();
        for (var i = 0; i < 10; i++)
        {
            acks.Add(await sender.SendChatAsync(roomId, $"f{i}", $"Line {i} while the translator is down"));
        }

        await chat.WaitAsync(m => m.Seq == acks[^1].Seq);
        await azure.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(acks.Select(a => a.Seq), chat.Items.Select(m => m.Seq));
        Assert.Empty(azure.Pairs);
    }

    [Fact]
    public async Task SimplifiedChineseIsConvertedForTraditionalReadersByOpenCc()
    {
        var roomId = await _clients.CreateRoomAsync("host");
        var reader = await _clients.ConnectAsync("wen", language: "zh-Hant");
        var saw = new EventLog<ChatTranslated>();
        reader.OnChatTranslated(saw.Add);
        await reader.JoinRoomAsync(roomId);
        var before = await PairsAsync();
        var sender = await _clients.ConnectAsync("mei", language: "zh-Hans");

        var ack = await sender.SendChatAsync(roomId, "z1", "我们明天再见吧朋友们");

        var translated = await saw.WaitAsync(t => t.Seq == ack.Seq, TimeSpan.FromSeconds(30));
        Assert.Equal("我們明天再見吧朋友們", translated.Text);
        Assert.Equal(1, (await PairsAsync())["opencc"] - before.GetValueOrDefault("opencc"));
    }

    [Fact]
    public async Task KeptTermsPassThroughWithAnExplanationAndGlossaryRenderingsAreUsed()
    {
        var roomId = await _clients.CreateRoomAsync("host");
        var spanish = await _clients.ConnectAsync("pablo", language: "es");
        var saw = new EventLog<ChatTranslated>();
        spanish.OnChatTranslated(saw.Add);
        await spanish.JoinRoomAsync(roomId);
        var sender = await _clients.ConnectAsync("tom", language: "en");

        var ack = await sender.SendChatAsync(roomId, "k1", "My friends say yyds about this black cat.");

        var translated = await saw.WaitAsync(t => t.Seq == ack.Seq, TimeSpan.FromSeconds(30));
        Assert.Contains("yyds", translated.Text, StringComparison.Ordinal);
        Assert.Contains("gato", translated.Text, StringComparison.OrdinalIgnoreCase);
        var explanation = Assert.Single(translated.Explanations);
        Assert.Equal("yyds", explanation.Term);
    }

    [Fact]
    public async Task ReactionsAndShortLinesAreNotTranslated()
    {
        var roomId = await _clients.CreateRoomAsync("host");
        var spanish = await _clients.ConnectAsync("ana", language: "es");
        var saw = new EventLog<ChatTranslated>();
        spanish.OnChatTranslated(saw.Add);
        await spanish.JoinRoomAsync(roomId);
        var sender = await _clients.ConnectAsync("bill", language: "en");

        foreach (var text in new[] { "hahahaha", "666", "🔥🔥🔥", "https://example.com/live", "ok!" })
        {
            await sender.SendChatAsync(roomId, Guid.NewGuid().ToString("N"), text);
        }

        var last = await sender.SendChatAsync(roomId, "real", "The house is very big.");
        await saw.WaitAsync(t => t.Seq == last.Seq, TimeSpan.FromSeconds(30));
        Assert.Equal([last.Seq], saw.Items.Select(t => t.Seq));
    }

    [Fact]
    public async Task CommentsAreTranslatedForTheirReadersAndSnapshotsCarryCachedTranslations()
    {
        var author = await _clients.TokenAsync("writer", language: "en");
        var note = await _clients.Rest.CreateNoteAsync("Travel notes", "Places to see", author);
        var reader = await _clients.ConnectAsync("sofia", language: "es");
        var saw = new EventLog<CommentTranslated>();
        reader.OnCommentTranslated(saw.Add);
        await reader.WatchNoteAsync(note.NoteId);
        var commenter = await _clients.ConnectAsync("jack", language: "en");

        var ack = await commenter.PostCommentAsync(note.NoteId, "c1", "The city is very beautiful at night.");

        var translated = await saw.WaitAsync(t => t.CommentId == ack.CommentId, TimeSpan.FromSeconds(30));
        Assert.Equal("es", translated.Language);
        var late = await _clients.ConnectAsync("marta", language: "es");
        var snapshot = await late.WatchNoteAsync(note.NoteId);
        Assert.Equal(translated.Text, snapshot.Comments.Single(c => c.CommentId == ack.CommentId).Translation?.Text);
    }

    private async Task<Dictionary<string, long>> PairsAsync()
    {
        var text = await _clients.Http.GetStringAsync("/metrics");
        return PairPattern().Matches(text).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("realtime_translation_provider_pairs_total\\{provider=\"([a-z]+)\"\\} (\\d+)")]
    private static partial Regex PairPattern();
}
