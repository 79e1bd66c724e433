using System.Text.RegularExpressions;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>
/// What every Apertium backend must do, checked against real Apertium; the local and the APY test
/// classes each run all of these.
/// </summary>
internal static partial class ApertiumChecks
{
    public static async Task<string> TranslateOneAsync(ITranslationProvider provider, string text, string source, string target)
    {
        var results = await provider.TranslateAsync(new ProviderRequest([text], source, target)).Within();
        var result = Assert.Single(results);
        Assert.Null(result.DetectedLanguage);
        return result.Text;
    }

    public static async Task EnglishBecomesSpanishAsync(ApertiumProvider provider)
    {
        var spanish = await TranslateOneAsync(provider, "The cat is black.", "en", "es");

        Assert.Contains("gato", spanish, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("negro", spanish, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(".", spanish, StringComparison.Ordinal);
    }

    public static async Task SpanishBecomesEnglishAsync(ApertiumProvider provider)
    {
        var english = await TranslateOneAsync(provider, "El gato es negro.", "es", "en");

        Assert.Contains("cat", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("black", english, StringComparison.OrdinalIgnoreCase);
    }

    public static void DiscoveryListsTheInstalledDirections(ApertiumProvider provider, ApertiumBackendKind backend)
    {
        Assert.Equal(backend, provider.Backend);
        Assert.Contains(provider.Pairs, p => p is { SourceLanguage: "en", TargetLanguage: "es", Mode: "eng-spa" });
        Assert.Contains(provider.Pairs, p => p is { SourceLanguage: "es", TargetLanguage: "en", Mode: "spa-eng" });

        Assert.True(provider.Supports("en", "es"));
        Assert.True(provider.Supports("es", "en"));
        Assert.True(provider.Supports("en-GB", "es-MX"));
        Assert.False(provider.Supports(null, "es"));
        Assert.False(provider.Supports(null, "en"));
        Assert.False(provider.Supports("en", "en"));
        Assert.False(provider.Supports("en", "zh-Hans"));
        Assert.False(provider.Supports("xx", "es"));
    }

    public static async Task ABatchComesBackInOrderAsync(ApertiumProvider provider)
    {
        var numbers = Enumerable.Range(101, 20).ToArray();
        var texts = numbers.Select(n => $"I have {n} black cats.").ToArray();

        var results = await provider.TranslateAsync(new ProviderRequest(texts, "en", "es")).Within();

        Assert.Equal(texts.Length, results.Count);
        for (var i = 0; i < numbers.Length; i++)
        {
            Assert.Equal([numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture)], Numbers(results[i].Text));
            Assert.Contains("gatos", results[i].Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static async Task LineBreaksSurviveAsync(ApertiumProvider provider)
    {
        var spanish = await TranslateOneAsync(provider, "The cat is black.\nThe house is red.\n\nThe dog is small.", "en", "es");
        var lines = spanish.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Contains("gato", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("casa", lines[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Contains("perro", lines[3], StringComparison.OrdinalIgnoreCase);

        // Without sentence punctuation the words still stay on their own line.
        var unpunctuated = await TranslateOneAsync(provider, "the big house\nthe small dog", "en", "es");
        var parts = unpunctuated.Split('\n');
        Assert.Equal(2, parts.Length);
        Assert.Contains("casa", parts[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("perro", parts[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("perro", parts[1], StringComparison.OrdinalIgnoreCase);

        // Apertium's own txt formatting would move "world" to the second line here ("Hola Segunda línea\nmundial").
        var moved = (await TranslateOneAsync(provider, "Hello world\nsecond line", "en", "es")).Split('\n');
        Assert.Equal(2, moved.Length);
        Assert.Contains("mundo", moved[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("línea", moved[1], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mund", moved[1], StringComparison.OrdinalIgnoreCase);

        var windows = await TranslateOneAsync(provider, "The cat is black.\r\nThe dog is small.", "en", "es");
        Assert.Single(Regex.Matches(windows, "\r\n"));
    }

    public static async Task PlaceholdersPassThroughAsync(ApertiumProvider provider)
    {
        var spanish = await TranslateOneAsync(provider, "ZXQ0 said that ZXQ1 and ZXQ12 love the black cat (ZXQ3), ZXQ4!", "en", "es");
        foreach (var token in new[] { "ZXQ0", "ZXQ1", "ZXQ12", "ZXQ3", "ZXQ4" })
        {
            Assert.Single(Regex.Matches(spanish, $@"\b{token}\b"));
        }

        Assert.Contains("gato", spanish, StringComparison.OrdinalIgnoreCase);

        var english = await TranslateOneAsync(provider, "Me gusta ZXQ0 y ZXQ12. ZXQ5 vive en Madrid.", "es", "en");
        foreach (var token in new[] { "ZXQ0", "ZXQ12", "ZXQ5" })
        {
            Assert.Single(Regex.Matches(english, $@"\b{token}\b"));
        }

        Assert.Equal("ZXQ7", await TranslateOneAsync(provider, "ZXQ7", "en", "es"));
        Assert.DoesNotContain("*", spanish, StringComparison.Ordinal); // -u: unknown words are not marked
    }

    public static async Task ConcurrentRequestsDoNotMixAsync(ApertiumProvider provider)
    {
        var requests = Enumerable.Range(0, 8).Select(async r =>
        {
            var numbers = Enumerable.Range(0, 5).Select(k => 1000 + (r * 10) + k).ToArray();
            var texts = numbers.Select(n => $"The {n} cats are black.").ToArray();
            var results = await provider.TranslateAsync(new ProviderRequest(texts, "en", "es"));
            return (numbers, results);
        }).ToArray();

        foreach (var (numbers, results) in await Task.WhenAll(requests).Within())
        {
            Assert.Equal(numbers.Length, results.Count);
            for (var i = 0; i < numbers.Length; i++)
            {
                Assert.Equal([numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture)], Numbers(results[i].Text));
            }
        }
    }

    public static async Task BlankTextsAndSurroundingSpaceAreKeptAsync(ApertiumProvider provider)
    {
        var results = await provider.TranslateAsync(new ProviderRequest(["", "   ", "  The cat is black.\n", "\tZXQ2 "], "en", "es")).Within();

        Assert.Equal("", results[0].Text);
        Assert.Equal("   ", results[1].Text);
        Assert.StartsWith("  El gato", results[2].Text, StringComparison.Ordinal);
        Assert.EndsWith(".\n", results[2].Text, StringComparison.Ordinal);
        Assert.Equal("\tZXQ2 ", results[3].Text);
    }

    public static async Task MarkupLikeCharactersSurviveAsync(ApertiumProvider provider)
    {
        // Non-words, so that only the characters are under test (APY, unlike the local backend, also
        // drops a '*' in front of a word: it takes it for an unknown-word mark).
        var text = "Write to bob@example.com or see https://example.com/a?b=c [x] {y} <z> ^q$ x1\\y2 5 ~ 6 #7";

        var spanish = await TranslateOneAsync(provider, text, "en", "es");

        foreach (var piece in new[] { "bob@example.com", "https://example.com/a?b=c", "[x]", "{y}", "<z>", "^q$", "x1\\y2", "5 ~ 6", "#7" })
        {
            Assert.True(spanish.Contains(piece, StringComparison.Ordinal), $"{piece} is missing from: {spanish}");
        }

        // The pipeline is still in step afterwards.
        Assert.Contains("gato", await TranslateOneAsync(provider, "The cat is black.", "en", "es"), StringComparison.OrdinalIgnoreCase);
    }

    public static async Task AnUnsupportedDirectionIsRefusedAsync(ApertiumProvider provider)
    {
        var wrongPair = await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "zh-Hans"))).Within();
        Assert.Equal("apertium", wrongPair.Provider);

        var noSource = await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["hello"], null, "es"))).Within();
        Assert.Contains("detect", noSource.Message, StringComparison.Ordinal);
    }

    private static string[] Numbers(string text) => NumberPattern().Matches(text).Select(m => m.Value).ToArray();

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();
}
