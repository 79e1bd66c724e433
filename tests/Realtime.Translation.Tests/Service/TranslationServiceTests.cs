using Microsoft.Extensions.Logging;
using Realtime.Contracts.Rooms;
using Realtime.Translation.Glossary;
using Realtime.Translation.Providers.Apertium;
using Realtime.Translation.Providers.OpenCc;
using Realtime.Translation.Tests.Azure;
using Realtime.Translation.Tests.TestSupport;

namespace Realtime.Translation.Tests.Service;

/// <summary>
/// The translator as the silo builds it, over the real Apertium (eng-spa) and OpenCC installed on
/// this machine and in CI, an Azure Translator double on loopback, SQLite storage and a glossary
/// file in a temporary data folder.
/// </summary>
public sealed class TranslationServiceTests : IDisposable
{
    private const string LyingFlatNote = "tang ping, 'lying flat': choosing a low-effort life over the rat race";
    private const string InvolutionNote = "nei juan, 'involution': exhausting competition that leaves nobody better off";
    private const string YydsNote = "'eternal god': the greatest of all time";

    private readonly TempFolder folder = new();

    private string DataPath => folder.File("data");

    private string Database => folder.File("realtime.db");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task English_becomes_Spanish_through_Apertium()
    {
        await using var host = await StartAsync();
        RequireApertium(host);

        var results = await host.TranslateAsync("es", new SourceText("The cat is black", "en"), new SourceText("I love this song", "en"));

        Assert.Equal("El gato es negro", results[0]!.Text);
        Assert.Contains("canción", results[1]!.Text, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Empty(r!.Explanations));
        Assert.Equal((1, 2, "The cat is black".Length + "I love this song".Length, 0), host.Calls("apertium"));
        Assert.Equal(2, host.Metrics.Misses);
    }

    [Fact]
    public async Task Simplified_Chinese_becomes_traditional_through_OpenCC_and_back()
    {
        await using var host = await StartAsync();
        RequireOpenCc(host);

        var traditional = await host.TranslateAsync("zh-Hant", new SourceText("这个软件的质量不错", "zh-Hans"));
        var simplified = await host.TranslateAsync("zh-Hans", new SourceText("這個軟件的質量不錯", "zh-TW"));

        Assert.Equal("這個軟件的質量不錯", traditional[0]!.Text);
        Assert.Equal("这个软件的质量不错", simplified[0]!.Text);
        Assert.Equal((2, 2, 18, 0), host.Calls("opencc"));
    }

    [Fact]
    public async Task The_script_decides_the_source_so_Chinese_declared_as_English_still_goes_through_OpenCC()
    {
        await using var host = await StartAsync();
        RequireOpenCc(host);

        Assert.Equal("zh-Hans", host.Translator.DetectSource(new SourceText("我们说好了，明天见", "en")));
        var results = await host.TranslateAsync("zh-Hant", new SourceText("我们说好了，明天见", "en"));

        Assert.Equal("我們說好了，明天見", results[0]!.Text);
    }

    [Fact]
    public async Task Apertium_honours_glossary_renderings_and_kept_terms()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        host.Glossary.Upsert(new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es"] = "directo" }));

        var results = await host.TranslateAsync("es", new SourceText("The livestream was yyds today", "en"));

        var result = results[0]!;
        Assert.Equal("El directo era yyds hoy", result.Text);
        Assert.Equal(new[] { new TermExplanation("yyds", YydsNote) }, result.Explanations);
        Assert.Equal(1, host.Calls("apertium").Requests);
    }

    [Fact]
    public async Task OpenCC_honours_glossary_renderings_and_kept_terms()
    {
        await using var host = await StartAsync();
        RequireOpenCc(host);
        host.Glossary.Upsert(new GlossaryEntry("zh-Hans", "软件", new Dictionary<string, string> { ["zh-Hant"] = "軟體" }));

        var results = await host.TranslateAsync(
            "zh-Hant",
            new SourceText("这个软件让大家都很内卷", "zh-Hans"),
            new SourceText("这个主播yyds", "zh-Hans"));

        // OpenCC alone would write 軟件 and 內卷; the glossary says 軟體, and 内卷 is kept as written.
        Assert.Equal("這個軟體讓大家都很内卷", results[0]!.Text);
        Assert.Equal(new[] { new TermExplanation("内卷", InvolutionNote) }, results[0]!.Explanations);
        Assert.Equal("這個主播yyds", results[1]!.Text);
        Assert.Equal(new[] { new TermExplanation("yyds", YydsNote) }, results[1]!.Explanations);
        Assert.Equal((1, 2), (host.Calls("opencc").Requests, host.Calls("opencc").Pairs));
    }

    [Fact]
    public async Task Azure_gets_the_glossary_as_dictionary_markup_and_the_kept_term_comes_back_explained()
    {
        await using var azure = await FakeAzureTranslator.StartAsync();
        await using var host = await StartAsync(AzureSettings(azure));

        var results = await host.TranslateAsync("en", new SourceText("今天的烟火气让人想躺平", "zh-Hans"));

        var request = Assert.Single(azure.TranslateRequests);
        Assert.Equal("zh-Hans", request.From);
        Assert.Equal(["en"], request.To);
        Assert.Equal(
            "今天的<mstrans:dictionary translation=\"Vibe of Daily Life\">烟火气</mstrans:dictionary>让人想"
            + "<mstrans:dictionary translation=\"躺平\">躺平</mstrans:dictionary>",
            Assert.Single(request.Texts));
        Assert.Contains("mstrans:dictionary", request.RawBody, StringComparison.Ordinal);
        Assert.Empty(azure.Violations);

        var result = results[0]!;
        Assert.Equal("en:今天的Vibe of Daily Life让人想躺平", result.Text);
        Assert.Equal(new[] { new TermExplanation("躺平", LyingFlatNote) }, result.Explanations);
        Assert.Equal((1, 1, 0), (host.Calls("azure").Requests, host.Calls("azure").Pairs, host.Calls("azure").Failures));
    }

    [Fact]
    public async Task Azure_gets_renderings_escaped_only_where_the_markup_needs_it()
    {
        await using var azure = await FakeAzureTranslator.StartAsync();
        await using var host = await StartAsync(AzureSettings(azure));
        host.Glossary.Upsert(new GlossaryEntry("en", "Q&A", new Dictionary<string, string> { ["es"] = "Preguntas & \"respuestas\"" }));
        host.Glossary.Upsert(new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es"] = "transmisión en vivo" }));

        var results = await host.TranslateAsync("es", new SourceText("Q&A starts after the livestream", "en"));

        Assert.Equal(
            "<mstrans:dictionary translation=\"Preguntas &amp; &quot;respuestas&quot;\">Q&A</mstrans:dictionary> starts after the "
            + "<mstrans:dictionary translation=\"transmisión en vivo\">livestream</mstrans:dictionary>",
            Assert.Single(Assert.Single(azure.TranslateRequests).Texts));
        Assert.Empty(azure.Violations);
        Assert.EndsWith("transmisión en vivo", results[0]!.Text, StringComparison.Ordinal);
        Assert.Empty(results[0]!.Explanations);
    }

    [Fact]
    public async Task Under_auto_OpenCC_converts_Chinese_scripts_and_Azure_is_preferred_to_Apertium()
    {
        await using var azure = await FakeAzureTranslator.StartAsync();
        await using var host = await StartAsync(AzureSettings(azure));
        RequireOpenCc(host);
        RequireApertium(host);

        var chinese = await host.TranslateAsync("zh-Hant", new SourceText("这个软件的质量不错", "zh-Hans"));
        var spanish = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Equal("這個軟件的質量不錯", chinese[0]!.Text);
        Assert.Equal("es:The cat is black", spanish[0]!.Text);
        Assert.Equal(1, host.Calls("opencc").Requests);
        Assert.Equal(1, host.Calls("azure").Requests);
        Assert.Equal(0, host.Calls("apertium").Requests);
    }

    [Fact]
    public async Task A_text_made_only_of_glossary_terms_is_answered_without_a_provider()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        host.Glossary.Upsert(new GlossaryEntry("en", "livestream shopping", new Dictionary<string, string> { ["es"] = "compras en directo" }));

        var results = await host.TranslateAsync("es", new SourceText("Livestream shopping!!", "en"));

        Assert.Equal("compras en directo!!", results[0]!.Text);
        Assert.Equal(0, host.PairsSent);
    }

    [Fact]
    public async Task Texts_already_in_the_readers_language_and_texts_the_skip_rules_drop_cost_no_provider_call()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        RequireOpenCc(host);
        SourceText[] texts =
        [
            new("Hello everyone, great stream today", "en-US"),
            new("What a lovely song this is", "en"),
            new("666", "zh-Hans"),
            new("2333", "zh-Hans"),
            new("hahahaha", "en"),
            new("哈哈哈哈哈", "zh-Hans"),
            new("ㅋㅋㅋㅋ", "ko"),
            new("lol", "en"),
            new("😂😂😂", "en"),
            new("https://example.com/shop/item?id=1", "en"),
            new("ok!", "en"),
            new("好的", "zh-Hans"),
        ];

        var results = await host.TranslateAsync("en", texts);

        Assert.All(results, Assert.Null);
        Assert.Equal(texts.Length, host.Metrics.Skipped);
        Assert.Equal(0, host.PairsSent);
        Assert.Equal(0, host.Metrics.Misses);
        Assert.Equal(0, host.Storage.CompletedWrites);
    }

    [Fact]
    public async Task A_second_identical_call_is_answered_from_memory()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        var first = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        var second = await host.TranslateAsync("es", new SourceText("  The cat   is black ", "en"));

        Assert.Same(first[0], second[0]);
        Assert.Equal(1, host.Metrics.MemoryHits);
        Assert.Equal(1, host.Metrics.Misses);
        Assert.Equal((1, 1), (host.Calls("apertium").Requests, host.Calls("apertium").Pairs));
        Assert.Same(first[0], host.Translator.TryGetCached(new SourceText("The cat is black", "en"), "es"));
    }

    [Fact]
    public async Task A_fresh_translator_on_the_same_storage_answers_from_the_shared_cache()
    {
        TranslatedText? paidFor;
        await using (var first = await StartAsync())
        {
            RequireApertium(first);
            paidFor = (await first.TranslateAsync("es", new SourceText("The cat is black", "en")))[0];
            Assert.Equal(1, first.Calls("apertium").Pairs);
            Assert.Equal(1, first.Storage.CompletedWrites);
        }

        await using var second = await StartAsync();
        Assert.Null(second.Translator.TryGetCached(new SourceText("The cat is black", "en"), "es"));

        var results = await second.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Equal("El gato es negro", paidFor!.Text);
        Assert.Equal(paidFor.Text, results[0]!.Text);
        Assert.Empty(results[0]!.Explanations);
        Assert.Equal(1, second.Metrics.StorageHits);
        Assert.Equal(0, second.Metrics.Misses);
        Assert.Equal(0, second.PairsSent);
        Assert.Same(results[0], second.Translator.TryGetCached(new SourceText("The cat is black", "en"), "es"));
    }

    [Fact]
    public async Task The_shared_cache_keeps_a_kept_terms_explanation()
    {
        await using (var first = await StartAsync())
        {
            RequireApertium(first);
            await first.TranslateAsync("es", new SourceText("The host is yyds today", "en"));
        }

        await using var second = await StartAsync();
        var results = await second.TranslateAsync("es", new SourceText("The host is yyds today", "en"));

        Assert.Equal(1, second.Metrics.StorageHits);
        Assert.Equal(new[] { new TermExplanation("yyds", YydsNote) }, results[0]!.Explanations);
        Assert.Contains("yyds", results[0]!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_glossary_makes_the_next_call_miss_both_caches()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        host.Glossary.Keep(new KeptTerm("xswl", "'laughing to death': that is hilarious"));
        var results = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Equal("El gato es negro", results[0]!.Text);
        Assert.Equal(2, host.Metrics.Misses);
        Assert.Equal(0, host.Metrics.MemoryHits);
        Assert.Equal(0, host.Metrics.StorageHits);
        Assert.Equal(2, host.Calls("apertium").Requests);
    }

    [Fact]
    public async Task A_glossary_change_applies_to_the_very_next_translation()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        var before = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        host.Glossary.Upsert(new GlossaryEntry("en", "cat", new Dictionary<string, string> { ["es"] = "michi" }));
        var after = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Equal("El gato es negro", before[0]!.Text);
        Assert.Contains("michi", after[0]!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("gato", after[0]!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_no_provider_translates_returns_null_and_is_recorded_and_logged_once()
    {
        await using var host = await StartAsync();
        RequireApertium(host);

        var first = await host.TranslateAsync("ja", new SourceText("The cat is black", "en"), new SourceText("I love this song", "en"));
        var second = await host.TranslateAsync("ja", new SourceText("Where is the station?", "en"));

        Assert.All(first.Concat(second), Assert.Null);
        Assert.Equal([("en", "ja")], host.Metrics.Unsupported);
        Assert.Single(host.Logs.WithId(4002));
        Assert.Equal(0, host.PairsSent);
        Assert.Equal(0, host.Storage.CompletedWrites);
    }

    [Fact]
    public async Task A_failing_provider_gives_nulls_and_a_recorded_failure_and_the_originals_stand()
    {
        await using var azure = await FakeAzureTranslator.StartAsync();
        azure.FailEveryRequestWith = 500;
        await using var host = await StartAsync(AzureSettings(azure, ("Translation:Provider", "azure"), ("Translation:Azure:MaxAttempts", "1")));

        var results = await host.TranslateAsync("es", new SourceText("The cat is black", "en"), new SourceText("I love this song", "en"));

        Assert.All(results, Assert.Null);
        Assert.Single(azure.TranslateRequests);
        Assert.Equal((1, 2, 1), (host.Calls("azure").Requests, host.Calls("azure").Pairs, host.Calls("azure").Failures));
        var failure = Assert.Single(host.Logs.WithId(4003));
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Equal(0, host.Storage.CompletedWrites);

        // Nothing was cached: once Azure is back, the same texts are translated.
        azure.FailEveryRequestWith = null;
        var retried = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));
        Assert.Equal("es:The cat is black", retried[0]!.Text);
        Assert.Equal(0, host.Metrics.MemoryHits);
    }

    [Fact]
    public async Task A_mixed_batch_keeps_every_result_in_the_place_of_its_text()
    {
        await using var host = await StartAsync();
        RequireApertium(host);
        RequireOpenCc(host);
        await host.TranslateAsync("es", new SourceText("I love this song", "en"));

        var results = await host.TranslateAsync(
            "es",
            new SourceText("The cat is black", "en"),
            new SourceText("666", "en"),
            new SourceText("I love this song", "en"),
            new SourceText("Hola a todos, qué tal", "es"),
            new SourceText("这个软件的质量不错", "zh-Hans"),
            new SourceText("The cat is black", "en-US"));

        Assert.Equal("El gato es negro", results[0]!.Text);
        Assert.Null(results[1]);
        Assert.Contains("canción", results[2]!.Text, StringComparison.Ordinal);
        Assert.Null(results[3]);
        Assert.Null(results[4]);
        Assert.Contains("gato", results[5]!.Text, StringComparison.Ordinal);
        Assert.Equal(1, host.Metrics.MemoryHits);
        Assert.Equal(2, host.Metrics.Skipped);
        Assert.Equal([("zh-Hans", "es")], host.Metrics.Unsupported);
    }

    [Fact]
    public async Task A_text_Azure_finds_already_in_the_readers_language_is_not_sent_back_as_a_translation()
    {
        await using var azure = await FakeAzureTranslator.StartAsync();
        await using var host = await StartAsync(AzureSettings(azure, ("Translation:Provider", "azure")));

        // Latin text from a sender who declared Chinese: the source is unknown and Azure detects it.
        Assert.Null(host.Translator.DetectSource(new SourceText("Hello everyone, nice stream", "zh-Hans")));
        var english = await host.TranslateAsync("en", new SourceText("Hello everyone, nice stream", "zh-Hans"));
        var spanish = await host.TranslateAsync("es", new SourceText("Hello everyone, nice stream", "zh-Hans"));

        Assert.Null(english[0]);
        Assert.Equal("es:Hello everyone, nice stream", spanish[0]!.Text);
        Assert.All(azure.TranslateRequests, r => Assert.Null(r.From));
    }

    [Fact]
    public async Task A_broken_shared_cache_never_stops_translation()
    {
        await using var host = await TranslationHost.StartAsync(DataPath, Database, initializeStorage: false);
        RequireApertium(host);

        var first = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));
        var second = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Equal("El gato es negro", first[0]!.Text);
        Assert.Same(first[0], second[0]);
        Assert.Equal(1, host.Metrics.MemoryHits);
        Assert.NotEmpty(host.Logs.WithId(4007));
    }

    [Fact]
    public async Task With_provider_none_translation_is_off_and_nothing_is_translated()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Translation:Provider"] = "none" });

        Assert.False(host.Translator.Enabled);
        var results = await host.TranslateAsync("es", new SourceText("The cat is black", "en"));

        Assert.Null(results[0]);
        Assert.Equal(0, host.PairsSent);
        Assert.Equal("ko", host.Translator.DetectSource(new SourceText("안녕하세요 여러분", "en")));
        Assert.Empty(host.Logs.WithId(4006));
    }

    [Fact]
    public async Task With_a_provider_available_translation_is_on()
    {
        await using var host = await StartAsync();
        RequireApertium(host);

        Assert.True(host.Translator.Enabled);
    }

    [Fact]
    public async Task Naming_only_Apertium_leaves_Chinese_script_conversion_unsupported()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Translation:Provider"] = "apertium" });
        RequireApertium(host);

        var results = await host.TranslateAsync("zh-Hant", new SourceText("这个软件的质量不错", "zh-Hans"));

        Assert.Null(results[0]);
        Assert.Equal([("zh-Hans", "zh-Hant")], host.Metrics.Unsupported);
        Assert.Equal(0, host.Calls("opencc").Requests);
    }

    [Fact]
    public async Task An_unknown_provider_name_fails_start_up_with_a_message_listing_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(new Dictionary<string, string?> { ["Translation:Provider"] = "deepl" }));

        Assert.Contains("'deepl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto, azure, apertium, opencc or none", error.Message, StringComparison.Ordinal);
    }

    private Task<TranslationHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        TranslationHost.StartAsync(DataPath, Database, settings);

    private static Dictionary<string, string?> AzureSettings(FakeAzureTranslator azure, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Translation:Azure:Endpoint"] = azure.Endpoint.ToString(),
            ["Translation:Azure:Key"] = FakeAzureTranslator.Key,
            ["Translation:Azure:Region"] = azure.ExpectedRegion,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static void RequireApertium(TranslationHost host) =>
        Assert.True(
            host.Get<ApertiumProvider>().Backend != ApertiumBackendKind.None && host.Get<ApertiumProvider>().Supports("en", "es"),
            "Apertium with the eng-spa pair must be installed (scripts/install-test-deps.sh): " + string.Join(" | ", host.Logs.Entries.Select(e => e.Message)));

    private static void RequireOpenCc(TranslationHost host) =>
        Assert.True(
            host.Get<OpenCcProvider>().Backend != OpenCcBackendKind.None,
            "OpenCC must be installed (scripts/install-test-deps.sh): " + string.Join(" | ", host.Logs.Entries.Select(e => e.Message)));
}
