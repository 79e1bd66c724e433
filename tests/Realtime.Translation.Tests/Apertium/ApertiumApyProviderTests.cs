using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>The APY backend: the same checks as the local one, through a real apertium-apy over HTTP.</summary>
public sealed class ApertiumApyProviderTests(ApyServerFixture fixture) : IClassFixture<ApyServerFixture>
{
    private ApertiumProvider Provider => fixture.Provider;

    [ApyInstalledFact]
    public void Discovery_asks_listPairs_and_a_missing_source_is_unsupported() =>
        ApertiumChecks.DiscoveryListsTheInstalledDirections(Provider, ApertiumBackendKind.Apy);

    [ApyInstalledFact]
    public async Task The_cat_is_black_becomes_Spanish_with_gato() => await ApertiumChecks.EnglishBecomesSpanishAsync(Provider);

    [ApyInstalledFact]
    public async Task Spanish_becomes_English() => await ApertiumChecks.SpanishBecomesEnglishAsync(Provider);

    [ApyInstalledFact]
    public async Task Twenty_texts_in_one_request_come_back_in_order_each_from_its_own_input() =>
        await ApertiumChecks.ABatchComesBackInOrderAsync(Provider);

    [ApyInstalledFact]
    public async Task Line_breaks_inside_a_text_survive_and_words_stay_on_their_line() =>
        await ApertiumChecks.LineBreaksSurviveAsync(Provider);

    [ApyInstalledFact]
    public async Task Placeholder_tokens_pass_through_both_directions_unchanged_and_unmarked() =>
        await ApertiumChecks.PlaceholdersPassThroughAsync(Provider);

    [ApyInstalledFact]
    public async Task Concurrent_requests_on_one_pair_get_their_own_results() =>
        await ApertiumChecks.ConcurrentRequestsDoNotMixAsync(Provider);

    [ApyInstalledFact]
    public async Task Blank_texts_and_the_space_around_a_text_are_kept() =>
        await ApertiumChecks.BlankTextsAndSurroundingSpaceAreKeptAsync(Provider);

    [ApyInstalledFact]
    public async Task Characters_that_Apertium_reserves_reach_the_translation_intact() =>
        await ApertiumChecks.MarkupLikeCharactersSurviveAsync(Provider);

    [ApyInstalledFact]
    public async Task A_pair_it_does_not_have_or_a_missing_source_is_refused() =>
        await ApertiumChecks.AnUnsupportedDirectionIsRefusedAsync(Provider);

    [ApyInstalledFact]
    public async Task A_caller_supplied_HttpClient_is_used_and_left_open()
    {
        using var http = new HttpClient();
        await using (var provider = new ApertiumProvider(Options.Create(new ApertiumOptions { Url = fixture.Url }), NullLogger<ApertiumProvider>.Instance, http))
        {
            await provider.InitializeAsync().Within();
            Assert.Contains("gato", await ApertiumChecks.TranslateOneAsync(provider, "The cat is black.", "en", "es"), StringComparison.OrdinalIgnoreCase);
        }

        using var response = await http.GetAsync(new Uri($"{fixture.Url}/listPairs")).Within();
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task An_APY_server_that_does_not_answer_leaves_the_provider_off_without_throwing()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // Nothing listens there now.
        await using var provider = new ApertiumProvider(Options.Create(new ApertiumOptions { Url = $"http://127.0.0.1:{port}" }), NullLogger<ApertiumProvider>.Instance);

        await provider.InitializeAsync().Within();

        Assert.Empty(provider.Pairs);
        Assert.False(provider.Supports("en", "es"));
        await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["Hello."], "en", "es"))).Within();
    }

    [Fact]
    public async Task A_malformed_APY_url_leaves_the_provider_off()
    {
        await using var provider = new ApertiumProvider(Options.Create(new ApertiumOptions { Url = "not a url" }), NullLogger<ApertiumProvider>.Instance);

        await provider.InitializeAsync().Within();

        Assert.Equal(ApertiumBackendKind.None, provider.Backend);
        Assert.False(provider.Supports("en", "es"));
    }
}
