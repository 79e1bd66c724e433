using System.Diagnostics;
using System.Globalization;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>The local backend: the installed eng-spa pair through long-running null-flush pipelines.</summary>
public sealed class ApertiumLocalProviderTests(ApertiumLocalFixture fixture) : IClassFixture<ApertiumLocalFixture>
{
    private ApertiumProvider Provider => fixture.Provider;

    [ApertiumInstalledFact]
    public void It_is_named_apertium_and_takes_glossary_terms_as_placeholders()
    {
        Assert.Equal("apertium", Provider.Name);
        Assert.Equal(GlossaryMode.Placeholders, Provider.GlossaryMode);
    }

    [ApertiumInstalledFact]
    public async Task The_cat_is_black_becomes_Spanish_with_gato() => await ApertiumChecks.EnglishBecomesSpanishAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Spanish_becomes_English() => await ApertiumChecks.SpanishBecomesEnglishAsync(Provider);

    [ApertiumInstalledFact]
    public void Discovery_reads_the_modes_directory_and_a_missing_source_is_unsupported() =>
        ApertiumChecks.DiscoveryListsTheInstalledDirections(Provider, ApertiumBackendKind.Local);

    [ApertiumInstalledFact]
    public void A_regional_target_uses_the_regional_mode_when_installed()
    {
        if (!File.Exists(Path.Combine(ApertiumInstallation.ModesDirectory, "spa-eng_US.mode")))
        {
            return; // Only some versions of apertium-eng-spa ship spa-eng_US.
        }

        Assert.Contains(Provider.Pairs, p => p is { SourceLanguage: "es", TargetLanguage: "en-US", Mode: "spa-eng_US" });
        Assert.True(Provider.Supports("es", "en-US"));
    }

    [ApertiumInstalledFact]
    public async Task Twenty_texts_in_one_request_come_back_in_order_each_from_its_own_input() =>
        await ApertiumChecks.ABatchComesBackInOrderAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Line_breaks_inside_a_text_survive_and_words_stay_on_their_line() =>
        await ApertiumChecks.LineBreaksSurviveAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Placeholder_tokens_pass_through_both_directions_unchanged_and_unmarked() =>
        await ApertiumChecks.PlaceholdersPassThroughAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Concurrent_requests_on_one_pair_get_their_own_results() =>
        await ApertiumChecks.ConcurrentRequestsDoNotMixAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Blank_texts_and_the_space_around_a_text_are_kept() =>
        await ApertiumChecks.BlankTextsAndSurroundingSpaceAreKeptAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Characters_that_Apertium_reserves_reach_the_translation_intact() =>
        await ApertiumChecks.MarkupLikeCharactersSurviveAsync(Provider);

    [ApertiumInstalledFact]
    public async Task A_pair_it_does_not_have_or_a_missing_source_is_refused() =>
        await ApertiumChecks.AnUnsupportedDirectionIsRefusedAsync(Provider);

    [ApertiumInstalledFact]
    public async Task Requests_on_one_pair_share_one_long_running_process()
    {
        await using var provider = ApertiumLocalFixture.Create();
        await provider.InitializeAsync().Within();

        await ApertiumChecks.TranslateOneAsync(provider, "The cat is black.", "en", "es");
        var first = provider.LocalProcessId("en", "es");
        await ApertiumChecks.TranslateOneAsync(provider, "The house is red.", "en", "es");
        await provider.TranslateAsync(new ProviderRequest(["One.", "Two.", "Three."], "en", "es")).Within();

        Assert.NotNull(first);
        Assert.Equal(first, provider.LocalProcessId("en", "es"));
        Assert.Equal(1, provider.LocalStarts("en", "es"));
        Assert.Null(provider.LocalProcessId("es", "en")); // started on first use only
    }

    [ApertiumInstalledFact]
    public async Task A_killed_apertium_process_is_started_again_on_the_next_call()
    {
        await using var provider = ApertiumLocalFixture.Create();
        await provider.InitializeAsync().Within();
        await ApertiumChecks.TranslateOneAsync(provider, "The cat is black.", "en", "es");
        var pid = provider.LocalProcessId("en", "es")!.Value;

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().Within();
        }

        var spanish = await ApertiumChecks.TranslateOneAsync(provider, "The dog is small.", "en", "es");

        Assert.Contains("perro", spanish, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, provider.LocalStarts("en", "es"));
        Assert.NotEqual(pid, provider.LocalProcessId("en", "es"));
    }

    [ApertiumInstalledFact]
    public async Task A_pipeline_whose_middle_stage_dies_is_replaced_and_the_request_still_succeeds()
    {
        await using var provider = ApertiumLocalFixture.Create();
        await provider.InitializeAsync().Within();
        await ApertiumChecks.TranslateOneAsync(provider, "The cat is black.", "en", "es");
        var shell = provider.LocalProcessId("en", "es")!.Value;
        var stages = ChildrenOf(shell);
        Assert.True(stages.Count > 5, $"expected the pipeline's stages under process {shell}, found {stages.Count}");

        using (var stage = Process.GetProcessById(stages[stages.Count / 2]))
        {
            stage.Kill();
            await stage.WaitForExitAsync().Within();
        }

        var results = await provider.TranslateAsync(new ProviderRequest(["The dog is small.", "The house is red."], "en", "es")).Within();

        Assert.Contains("perro", results[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("casa", results[1].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, provider.LocalStarts("en", "es"));
    }

    [ApertiumInstalledFact]
    public async Task Disposing_the_provider_ends_its_processes()
    {
        var provider = ApertiumLocalFixture.Create();
        await provider.InitializeAsync().Within();
        await ApertiumChecks.TranslateOneAsync(provider, "The cat is black.", "en", "es");
        await ApertiumChecks.TranslateOneAsync(provider, "El gato es negro.", "es", "en");
        var shells = new[] { provider.LocalProcessId("en", "es")!.Value, provider.LocalProcessId("es", "en")!.Value };
        var stages = shells.SelectMany(ChildrenOf).ToArray();
        var watched = shells.Concat(stages).Select(Process.GetProcessById).ToArray();

        await provider.DisposeAsync();

        foreach (var process in watched)
        {
            await process.WaitForExitAsync().Within();
            process.Dispose();
        }

        await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["Hello."], "en", "es"))).Within();
    }

    [Fact]
    public async Task Without_apertium_installed_the_provider_supports_nothing_and_does_not_throw()
    {
        await using var provider = ApertiumLocalFixture.Create(command: "/nonexistent/apertium");

        await provider.InitializeAsync().Within();

        Assert.Equal(ApertiumBackendKind.None, provider.Backend);
        Assert.Empty(provider.Pairs);
        Assert.False(provider.Supports("en", "es"));
    }

    [ApertiumInstalledFact]
    public async Task A_missing_modes_directory_leaves_the_provider_off()
    {
        await using var provider = ApertiumLocalFixture.Create(modesDirectory: "/nonexistent/modes");

        await provider.InitializeAsync().Within();

        Assert.Equal(ApertiumBackendKind.None, provider.Backend);
        Assert.False(provider.Supports("en", "es"));
    }

    /// <summary>The direct children of a process, from /proc (the pipeline's stages under its shell).</summary>
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // It ended while being read.
            }
        }

        children.Sort();
        return children;
    }
}
