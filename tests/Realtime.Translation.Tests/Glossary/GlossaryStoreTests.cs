using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Translation.Glossary;
using Realtime.Translation.Tests.TestSupport;

namespace Realtime.Translation.Tests.Glossary;

/// <summary>glossary.json in the data folder: created with the defaults, every change persisted under a new version.</summary>
public sealed class GlossaryStoreTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_new_data_folder_gets_a_glossary_file_with_the_defaults()
    {
        var store = Open();

        Assert.True(File.Exists(folder.File("glossary.json")));
        AssertSameDocument(GlossaryDocument.Default, store.Current);
        Assert.Equal(1, store.Current.Version);
        Assert.Contains(store.Current.Entries, e => e is { SourceLanguage: "zh-Hans", Term: "烟火气" } && e.Translations["en"] == "Vibe of Daily Life");
        Assert.Contains(store.Current.Keep, k => k.Term == "躺平");
        AssertSameDocument(GlossaryDocument.Default, Open().Current);
    }

    [Fact]
    public void A_data_folder_that_does_not_exist_yet_is_created()
    {
        var nested = Path.Combine(folder.Path, "data", "silo-1");
        var store = new GlossaryStore(nested, NullLogger<GlossaryStore>.Instance);

        Assert.True(File.Exists(Path.Combine(nested, "glossary.json")));
        Assert.Equal(1, store.Current.Version);
    }

    [Fact]
    public void Upserting_an_entry_bumps_the_version_and_a_new_store_on_the_folder_reads_it()
    {
        var store = Open();
        var entry = new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es"] = "directo", ["zh-Hant"] = "直播" });

        var changed = store.Upsert(entry);

        Assert.Equal(2, changed.Version);
        Assert.Same(changed, store.Current);
        var reopened = Open().Current;
        Assert.Equal(2, reopened.Version);
        var read = Assert.Single(reopened.Entries, e => e.Term == "livestream");
        Assert.Equal("en", read.SourceLanguage);
        Assert.Equal("directo", read.Translations["es"]);
        Assert.Equal("直播", read.Translations["zh-Hant"]);
        Assert.Equal(GlossaryDocument.Default.Entries.Count + 1, reopened.Entries.Count);
    }

    [Fact]
    public void Upserting_the_same_source_and_term_replaces_the_entry()
    {
        var store = Open();
        store.Upsert(new GlossaryEntry("zh-Hans", "烟火气", new Dictionary<string, string> { ["en"] = "everyday warmth" }));

        var entry = Assert.Single(Open().Current.Entries, e => e.Term == "烟火气");
        Assert.Equal("everyday warmth", entry.Translations["en"]);
        Assert.False(entry.Translations.ContainsKey("es"));
        Assert.Equal(2, store.Current.Version);
    }

    [Fact]
    public void Removing_an_entry_bumps_the_version_and_persists_and_an_unknown_one_changes_nothing()
    {
        var store = Open();

        Assert.True(store.Remove("zh-Hans", "种草"));
        Assert.Equal(2, store.Current.Version);
        Assert.False(store.Remove("zh-Hans", "种草"));
        Assert.False(store.Remove("en", "烟火气"));
        Assert.Equal(2, store.Current.Version);

        var reopened = Open().Current;
        Assert.Equal(2, reopened.Version);
        Assert.DoesNotContain(reopened.Entries, e => e.Term == "种草");
        Assert.Contains(reopened.Entries, e => e.Term == "烟火气");
    }

    [Fact]
    public void Keeping_and_unkeeping_terms_bump_the_version_and_persist()
    {
        var store = Open();

        Assert.Equal(2, store.Keep(new KeptTerm("xswl", "'laughing to death': that is hilarious")).Version);
        Assert.Equal(3, store.Keep(new KeptTerm("yyds", "'forever god': the best ever")).Version);
        Assert.True(store.Unkeep("内卷"));
        Assert.Equal(4, store.Current.Version);
        Assert.False(store.Unkeep("内卷"));
        Assert.Equal(4, store.Current.Version);

        var reopened = Open().Current;
        Assert.Equal(4, reopened.Version);
        Assert.Equal("'laughing to death': that is hilarious", Assert.Single(reopened.Keep, k => k.Term == "xswl").Note);
        Assert.Equal("'forever god': the best ever", Assert.Single(reopened.Keep, k => k.Term == "yyds").Note);
        Assert.DoesNotContain(reopened.Keep, k => k.Term == "内卷");
        Assert.Contains(reopened.Keep, k => k.Term == "躺平");
    }

    [Fact]
    public void Versions_keep_counting_across_reopenings()
    {
        Open().Keep(new KeptTerm("xswl", "that is hilarious"));
        var second = Open();
        second.Unkeep("xswl");

        Assert.Equal(3, second.Current.Version);
        Assert.Equal(3, Open().Current.Version);
    }

    [Fact]
    public void The_file_is_readable_json_with_nothing_left_over_from_a_write()
    {
        var store = Open();
        store.Upsert(new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es"] = "directo" }));

        using var document = JsonDocument.Parse(File.ReadAllText(folder.File("glossary.json")));
        Assert.Equal(2, document.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(["glossary.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{ \"version\": 9, \"entries\": [ { \"sourceLanguage\": \"en\", ")]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{ \"version\": 9 }")]
    [InlineData("{ \"version\": 9, \"entries\": [null], \"keep\": [] }")]
    [InlineData("{ \"version\": 9, \"entries\": [], \"keep\": [ { \"note\": \"no term\" } ] }")]
    public void A_corrupt_file_falls_back_to_the_defaults(string content)
    {
        File.WriteAllText(folder.File("glossary.json"), content);

        var store = Open();

        AssertSameDocument(GlossaryDocument.Default, store.Current);
    }

    [Fact]
    public void A_corrupt_file_is_replaced_by_a_good_one_on_the_next_change()
    {
        File.WriteAllText(folder.File("glossary.json"), "{ broken");
        var store = Open();

        store.Keep(new KeptTerm("xswl", "that is hilarious"));

        var reopened = Open().Current;
        Assert.Equal(2, reopened.Version);
        Assert.Contains(reopened.Keep, k => k.Term == "xswl");
        Assert.Contains(reopened.Keep, k => k.Term == "躺平");
    }

    private GlossaryStore Open() => new(folder.Path, NullLogger<GlossaryStore>.Instance);

    private static void AssertSameDocument(GlossaryDocument expected, GlossaryDocument actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(
            expected.Entries.Select(e => (e.SourceLanguage, e.Term, string.Join(";", e.Translations.OrderBy(t => t.Key, StringComparer.Ordinal)))),
            actual.Entries.Select(e => (e.SourceLanguage, e.Term, string.Join(";", e.Translations.OrderBy(t => t.Key, StringComparer.Ordinal)))));
        Assert.Equal(expected.Keep, actual.Keep);
    }
}
