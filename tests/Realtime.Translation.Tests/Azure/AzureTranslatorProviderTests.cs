using Microsoft.Extensions.Options;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Azure;

namespace Realtime.Translation.Tests.Azure;

public sealed class AzureTranslatorProviderTests : IAsyncLifetime
{
    private const string Markup = "Watch <mstrans:dictionary translation=\"Realtime\">Realtime</mstrans:dictionary> live & say \"hi\" 👋";

    private readonly HttpClient http = new();
    private readonly ManualTimeProvider time = new();
    private readonly CapturingLogger<AzureTranslatorProvider> logger = new();
    private FakeAzureTranslator azure = null!;

    public async Task InitializeAsync() => azure = await FakeAzureTranslator.StartAsync();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await azure.DisposeAsync();
    }

    [Fact]
    public async Task A_text_is_translated_in_one_request_shaped_as_the_API_documents()
    {
        var provider = Provider();

        var result = await provider.TranslateAsync(new ProviderRequest(["Hello everyone"], "en", "es"));

        Assert.Equal([new ProviderTranslation("es:Hello everyone", null)], result);
        var request = Assert.Single(azure.TranslateRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/translate", request.Path);
        Assert.Equal(["3.0"], request.Query["api-version"]);
        Assert.Equal(["es"], request.To);
        Assert.Equal("en", request.From);
        Assert.Equal(FakeAzureTranslator.Key, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("westeurope", request.Header("Ocp-Apim-Subscription-Region"));
        Assert.True(Guid.TryParse(request.Header("X-ClientTraceId"), out _));
        Assert.Equal("application/json; charset=UTF-8", request.ContentType);
        Assert.Equal("[{\"Text\":\"Hello everyone\"}]", request.RawBody);
        Assert.Equal(200, request.Status);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Without_a_known_source_no_from_is_sent_and_the_detected_language_comes_back_as_a_hub_tag()
    {
        azure.Detect = text => text switch
        {
            "你好" => "zh-Hans",
            "Olá a todos" => "pt-pt",
            _ => "en",
        };
        var provider = Provider();

        var result = await provider.TranslateAsync(new ProviderRequest(["你好", "Olá a todos", "hello"], null, "de"));

        Assert.Equal(["zh-Hans", "pt-PT", "en"], result.Select(r => r.DetectedLanguage));
        Assert.Equal(["de:你好", "de:Olá a todos", "de:hello"], result.Select(r => r.Text));
        var request = Assert.Single(azure.TranslateRequests);
        Assert.Null(request.From);
        Assert.False(request.Query.ContainsKey("from"));
        Assert.Empty(azure.Violations);
    }

    [Theory]
    [InlineData("en-US", "zh-TW", "en", "zh-Hant")]
    [InlineData("en", "zh-CN", "en", "zh-Hans")]
    [InlineData("zh-Hant", "zh-Hans", "zh-Hant", "zh-Hans")]
    [InlineData("es-MX", "pt-BR", "es", "pt")]
    [InlineData("en", "pt-PT", "en", "pt-pt")]
    public async Task Hub_language_tags_are_sent_as_Azure_codes(string source, string target, string from, string to)
    {
        var provider = Provider();

        await provider.TranslateAsync(new ProviderRequest(["a line"], source, target));

        var request = Assert.Single(azure.TranslateRequests);
        Assert.Equal(from, request.From);
        Assert.Equal([to], request.To);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Two_thousand_five_hundred_short_texts_go_out_in_three_requests_and_come_back_in_order()
    {
        var provider = Provider();
        var texts = Enumerable.Range(0, 2500).Select(i => $"line {i}").ToArray();

        var result = await provider.TranslateAsync(new ProviderRequest(texts, "en", "fr"));

        Assert.Equal(texts.Select(t => "fr:" + t), result.Select(r => r.Text));
        Assert.Equal([1000, 1000, 500], azure.TranslateRequests.Select(r => r.Texts.Count));
        Assert.Equal(texts, azure.TranslateRequests.SelectMany(r => r.Texts));
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Three_texts_of_twenty_thousand_characters_go_out_in_two_requests_and_come_back_in_order()
    {
        var provider = Provider();
        var texts = new[] { new string('a', 20_000), new string('b', 20_000), new string('c', 20_000) };

        var result = await provider.TranslateAsync(new ProviderRequest(texts, "en", "ja"));

        Assert.Equal(texts.Select(t => "ja:" + t), result.Select(r => r.Text));
        Assert.Equal([2, 1], azure.TranslateRequests.Select(r => r.Texts.Count));
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task A_text_over_the_request_limit_fails_alone_and_is_never_sent()
    {
        var provider = Provider();
        var huge = new string('x', AzureTranslatorProvider.MaxCharactersPerRequest + 1);

        var outcomes = await provider.TranslateEachAsync(new ProviderRequest(["before", huge, "after"], "en", "es"));

        Assert.Equal("es:before", outcomes[0].Translation?.Text);
        Assert.False(outcomes[1].Succeeded);
        Assert.Equal("azure", outcomes[1].Error!.Provider);
        Assert.Contains("50000", outcomes[1].Error!.Message);
        Assert.Equal("es:after", outcomes[2].Translation?.Text);
        var request = Assert.Single(azure.TranslateRequests);
        Assert.Equal(["before", "after"], request.Texts);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Through_the_provider_seam_a_text_over_the_limit_fails_the_call_before_anything_is_sent()
    {
        var provider = Provider();
        var huge = new string('x', AzureTranslatorProvider.MaxCharactersPerRequest + 1);

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["fine", huge], "en", "es")));

        Assert.Contains("text 1", error.Message);
        Assert.Empty(azure.Requests);
    }

    [Fact]
    public async Task A_rejected_key_is_not_retried_and_the_key_is_in_neither_the_exception_nor_the_logs()
    {
        const string wrongKey = "wr0ng-k3y-that-must-never-leak-77c1";
        var provider = Provider(options => options.Key = wrongKey);

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));

        Assert.Single(azure.TranslateRequests);
        Assert.Contains("401000", error.Message);
        Assert.Contains("credentials are missing or invalid", error.Message);
        Assert.Equal(401, error.Data["AzureStatusCode"]);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.NotEmpty(logger.Entries);
        Assert.All(logger.Entries, entry => Assert.DoesNotContain(wrongKey, entry));
        Assert.Empty(time.Waits);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried_and_carries_Azure_error_code_and_message()
    {
        azure.Answer(400, 400036, "The target language is not valid.");
        var provider = Provider();

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));

        Assert.Single(azure.TranslateRequests);
        Assert.Contains("400036", error.Message);
        Assert.Contains("The target language is not valid.", error.Message);
        Assert.Equal("400036", error.Data["AzureErrorCode"]);
        Assert.Empty(time.Waits);
        Assert.DoesNotContain(FakeAzureTranslator.Key, error.ToString());
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_Retry_After_says_and_then_succeeds()
    {
        azure.Answer(429, 429001, retryAfter: "7");
        var provider = Provider();

        var result = await provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es"));

        Assert.Equal("es:hello", Assert.Single(result).Text);
        Assert.Equal([429, 200], azure.TranslateRequests.Select(r => r.Status));
        Assert.Equal([TimeSpan.FromSeconds(7)], time.Waits);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_live_translation_waits_fails_without_waiting()
    {
        azure.Answer(429, 429001, retryAfter: "3600");
        var provider = Provider();

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));

        Assert.Contains("3600", error.Message);
        Assert.Single(azure.TranslateRequests);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_a_fresh_trace_id_until_one_succeeds()
    {
        azure.Answer(500);
        azure.Answer(503);
        var provider = Provider();

        var result = await provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es"));

        Assert.Equal("es:hello", Assert.Single(result).Text);
        var requests = azure.TranslateRequests;
        Assert.Equal([500, 503, 200], requests.Select(r => r.Status));
        Assert.Equal(3, requests.Select(r => r.Header("X-ClientTraceId")).Distinct().Count());
        Assert.Equal(2, time.Waits.Count);
        Assert.All(time.Waits, wait => Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(8)));
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task A_server_error_that_never_ends_fails_after_MaxAttempts()
    {
        azure.FailEveryRequestWith = 500;
        var provider = Provider(options => options.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));

        Assert.Equal(3, azure.TranslateRequests.Count);
        Assert.Equal(2, time.Waits.Count);
        Assert.Contains("500000", error.Message);
        Assert.Contains("3 attempt", error.Message);
        Assert.Equal(500, error.Data["AzureStatusCode"]);
    }

    [Fact]
    public async Task The_circuit_opens_after_consecutive_failures_and_then_fails_fast_without_calling_Azure()
    {
        azure.FailEveryRequestWith = 500;
        var provider = Provider(options =>
        {
            options.MaxAttempts = 1;
            options.CircuitBreakerFailures = 3;
        });
        var request = new ProviderRequest(["hello"], "en", "es");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));
        }

        var refused = await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));

        Assert.Contains("circuit is open", refused.Message);
        Assert.Equal(3, azure.TranslateRequests.Count);
    }

    [Fact]
    public async Task After_the_open_period_one_trial_goes_through_and_its_success_closes_the_circuit()
    {
        azure.FailEveryRequestWith = 500;
        var provider = Provider(options =>
        {
            options.MaxAttempts = 1;
            options.CircuitBreakerFailures = 3;
            options.CircuitBreakerOpenFor = TimeSpan.FromSeconds(30);
        });
        var request = new ProviderRequest(["hello"], "en", "es");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));
        }

        azure.FailEveryRequestWith = null;
        time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));
        Assert.Equal(3, azure.TranslateRequests.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        var trial = await provider.TranslateAsync(request);
        var after = await provider.TranslateAsync(request);

        Assert.Equal("es:hello", Assert.Single(trial).Text);
        Assert.Equal("es:hello", Assert.Single(after).Text);
        Assert.Equal(5, azure.TranslateRequests.Count);
        Assert.Contains(logger.Entries, entry => entry.Contains("circuit is closed"));
    }

    [Fact]
    public async Task A_failed_trial_opens_the_circuit_again_for_the_whole_period()
    {
        azure.FailEveryRequestWith = 503;
        var provider = Provider(options =>
        {
            options.MaxAttempts = 1;
            options.CircuitBreakerFailures = 2;
            options.CircuitBreakerOpenFor = TimeSpan.FromSeconds(10);
        });
        var request = new ProviderRequest(["hello"], "en", "es");
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));
        }

        time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));
        Assert.Equal(3, azure.TranslateRequests.Count);

        var refused = await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(request));

        Assert.Contains("circuit is open", refused.Message);
        Assert.Equal(3, azure.TranslateRequests.Count);
    }

    [Fact]
    public async Task Retries_stop_as_soon_as_the_circuit_opens()
    {
        azure.FailEveryRequestWith = 500;
        var provider = Provider(options =>
        {
            options.MaxAttempts = 4;
            options.CircuitBreakerFailures = 2;
        });

        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));

        Assert.Contains("circuit is open", error.Message);
        Assert.Contains("500000", error.Message);
        Assert.Equal(2, azure.TranslateRequests.Count);
    }

    [Fact]
    public async Task Dynamic_dictionary_markup_reaches_Azure_verbatim_as_plain_text()
    {
        var provider = Provider();

        var result = await provider.TranslateAsync(new ProviderRequest([Markup], "en", "de"));

        var request = Assert.Single(azure.TranslateRequests);
        Assert.Equal([Markup], request.Texts);
        Assert.Contains("<mstrans:dictionary translation=\\\"Realtime\\\">Realtime</mstrans:dictionary>", request.RawBody);
        Assert.True(!request.Query.ContainsKey("textType") || request.Query["textType"] is ["plain"]);
        Assert.Equal("de:Watch Realtime live & say \"hi\" 👋", Assert.Single(result).Text);
        Assert.Equal(GlossaryMode.Markup, provider.GlossaryMode);
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Without_a_region_the_region_header_is_left_out()
    {
        azure.ExpectedRegion = null;
        var provider = Provider(options => options.Region = null);

        await provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es"));

        Assert.Null(Assert.Single(azure.TranslateRequests).Header("Ocp-Apim-Subscription-Region"));
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task Empty_texts_and_empty_requests_are_answered_without_a_call()
    {
        var provider = Provider();

        var none = await provider.TranslateAsync(new ProviderRequest([], "en", "es"));
        var empty = await provider.TranslateAsync(new ProviderRequest([""], "en", "es"));

        Assert.Empty(none);
        Assert.Equal([new ProviderTranslation("", null)], empty);
        Assert.Empty(azure.Requests);
    }

    [Fact]
    public async Task Languages_are_discovered_at_start_and_decide_what_is_supported()
    {
        azure.Languages.Clear();
        azure.Languages.AddRange(["en", "es", "zh-Hans"]);
        var provider = Provider();

        await provider.InitializeAsync();

        var request = Assert.Single(azure.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/languages", request.Path);
        Assert.Equal(["translation"], request.Query["scope"]);
        Assert.Null(request.Header("Ocp-Apim-Subscription-Key"));
        Assert.True(provider.Supports("en", "es"));
        Assert.True(provider.Supports(null, "zh-CN"));
        Assert.False(provider.Supports("en", "fr"));
        Assert.False(provider.Supports("ko", "en"));
        Assert.Empty(azure.Violations);
    }

    [Fact]
    public async Task When_discovery_fails_the_built_in_languages_are_used()
    {
        azure.LanguagesStatus = 503;
        var provider = Provider();

        await provider.InitializeAsync();

        Assert.True(provider.Supports("en", "fr"));
        Assert.True(provider.Supports("ja", "zh-TW"));
        Assert.True(provider.Supports(null, "th"));
        Assert.False(provider.Supports("en", "tlh"));
        Assert.Contains(logger.Entries, entry => entry.Contains("built-in"));
    }

    [Fact]
    public async Task When_discovery_cannot_connect_the_built_in_languages_are_used()
    {
        var endpoint = azure.Endpoint;
        await azure.DisposeAsync();
        var provider = Provider(options => options.Endpoint = endpoint.ToString());

        await provider.InitializeAsync();

        Assert.True(provider.Supports("en", "vi"));
    }

    [Fact]
    public void The_same_language_on_both_sides_is_not_supported()
    {
        var provider = Provider();

        Assert.False(provider.Supports("en-US", "en-GB"));
        Assert.False(provider.Supports("zh-CN", "zh-Hans"));
        Assert.True(provider.Supports("zh-Hans", "zh-Hant"));
    }

    [Theory]
    [InlineData(null, FakeAzureTranslator.Key)]
    [InlineData("", FakeAzureTranslator.Key)]
    [InlineData("http://127.0.0.1:1", null)]
    [InlineData("http://127.0.0.1:1", " ")]
    [InlineData("not a url", FakeAzureTranslator.Key)]
    public async Task Without_an_endpoint_and_a_key_the_provider_supports_nothing_and_calls_nothing(string? endpoint, string? key)
    {
        var provider = Provider(options =>
        {
            options.Endpoint = endpoint;
            options.Key = key;
        });

        await provider.InitializeAsync();

        Assert.False(provider.IsConfigured);
        Assert.False(provider.Supports("en", "es"));
        var error = await Assert.ThrowsAsync<TranslationProviderException>(
            () => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "es")));
        Assert.Contains("not configured", error.Message);
        Assert.Empty(azure.Requests);
        Assert.Contains(logger.Entries, entry => entry.Contains("Azure Translator is off"));
    }

    [Fact]
    public void The_provider_is_named_azure()
    {
        Assert.Equal("azure", Provider().Name);
    }

    private AzureTranslatorProvider Provider(Action<AzureTranslatorOptions>? configure = null)
    {
        var options = new AzureTranslatorOptions
        {
            Endpoint = azure.Endpoint.ToString(),
            Key = FakeAzureTranslator.Key,
            Region = "westeurope",
            MaxAttempts = 4,
            CircuitBreakerFailures = 5,
            CircuitBreakerOpenFor = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new AzureTranslatorProvider(http, Options.Create(options), logger, time);
    }
}
