using Realtime.Translation.Providers.Azure;

namespace Realtime.Translation.Tests.Azure;

public sealed class AzureLimitsAndLanguagesTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-SG", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("zh-Hant-TW", "zh-Hant")]
    [InlineData("pt-BR", "pt")]
    [InlineData("pt-PT", "pt-pt")]
    [InlineData("fr-CA", "fr-ca")]
    [InlineData("sr-Latn-RS", "sr-Latn")]
    [InlineData("sr", "sr-Cyrl")]
    [InlineData("no", "nb")]
    [InlineData("iw", "he")]
    [InlineData("tl", "fil")]
    public void Hub_tags_map_to_Azure_codes(string tag, string azure)
    {
        Assert.Equal(azure, AzureLanguageSet.BuiltIn.ToAzure(tag));
    }

    [Theory]
    [InlineData("tlh")]
    [InlineData("xx-YY")]
    [InlineData("")]
    [InlineData(null)]
    public void Tags_Azure_does_not_know_map_to_nothing(string? tag)
    {
        Assert.Null(AzureLanguageSet.BuiltIn.ToAzure(tag));
    }

    [Theory]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("pt-pt", "pt-PT")]
    [InlineData("fr-ca", "fr-CA")]
    [InlineData("sr-Latn", "sr-Latn")]
    [InlineData("en", "en")]
    public void Detected_Azure_codes_map_back_to_hub_tags(string azure, string tag)
    {
        Assert.Equal(tag, AzureLanguageSet.FromAzure(azure));
    }

    [Fact]
    public void The_built_in_set_holds_the_common_languages()
    {
        foreach (var tag in new[] { "en", "es", "fr", "de", "it", "pt", "ja", "ko", "zh-Hans", "zh-Hant", "ru", "ar", "th", "vi", "id" })
        {
            Assert.NotNull(AzureLanguageSet.BuiltIn.ToAzure(tag));
        }
    }

    [Fact]
    public void Batches_count_characters_across_all_targets()
    {
        var texts = Enumerable.Repeat(new string('a', 20_000), 3).ToArray();

        var oneTarget = AzureBatchPlanner.Plan(texts, [0, 1, 2], targetCount: 1);
        var twoTargets = AzureBatchPlanner.Plan(texts, [0, 1, 2], targetCount: 2);

        Assert.Equal([[0, 1], [2]], oneTarget);
        Assert.Equal([[0], [1], [2]], twoTargets);
        Assert.True(AzureBatchPlanner.IsOverLimit(new string('a', 25_001), 2));
        Assert.False(AzureBatchPlanner.IsOverLimit(new string('a', 25_000), 2));
    }

    [Fact]
    public void Batches_hold_at_most_a_thousand_texts_and_fill_up_to_exactly_the_limit()
    {
        var texts = Enumerable.Range(0, 2001).Select(_ => "x").ToArray();
        var exact = new[] { new string('a', 30_000), new string('b', 20_000), "c" };

        var byCount = AzureBatchPlanner.Plan(texts, Enumerable.Range(0, texts.Length).ToArray(), 1);
        var byCharacters = AzureBatchPlanner.Plan(exact, [0, 1, 2], 1);

        Assert.Equal([1000, 1000, 1], byCount.Select(b => b.Count));
        Assert.Equal([[0, 1], [2]], byCharacters);
    }

    [Fact]
    public void A_half_open_circuit_lets_exactly_one_trial_through()
    {
        var time = new ManualTimeProvider();
        var breaker = new AzureCircuitBreaker(1, TimeSpan.FromSeconds(5), time);
        Assert.True(breaker.TryEnter(out var first, out _));
        Assert.Equal(CircuitChange.Opened, breaker.OnFailure(first));
        Assert.False(breaker.TryEnter(out _, out var retryAt));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(5), retryAt);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(breaker.TryEnter(out var trial, out _));
        Assert.True(trial);
        Assert.False(breaker.TryEnter(out _, out _));
        breaker.OnAbandoned(trial);
        Assert.True(breaker.TryEnter(out var again, out _));
        Assert.Equal(CircuitChange.Closed, breaker.OnSuccess(again));
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void A_success_resets_the_count_of_consecutive_failures()
    {
        var breaker = new AzureCircuitBreaker(2, TimeSpan.FromSeconds(5), new ManualTimeProvider());

        breaker.OnFailure(false);
        breaker.OnSuccess(false);
        var change = breaker.OnFailure(false);

        Assert.Equal(CircuitChange.None, change);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }
}
