using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Translation.Providers;
using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation.Tests.OpenCc;

/// <summary>OpenCC through libopencc in process (the default backend).</summary>
public sealed class OpenCcProviderTests : IAsyncLifetime
{
    private readonly OpenCcProvider provider = new(NullLogger<OpenCcProvider>.Instance);

    public Task InitializeAsync() => provider.InitializeAsync();

    public Task DisposeAsync()
    {
        provider.Dispose();
        return Task.CompletedTask;
    }

    [OpenCcLibraryInstalledFact]
    public void It_is_named_opencc_uses_the_library_and_takes_glossary_terms_as_placeholders()
    {
        Assert.Equal("opencc", provider.Name);
        Assert.Equal(GlossaryMode.Placeholders, provider.GlossaryMode);
        Assert.Equal(OpenCcBackendKind.Library, provider.Backend);
    }

    [OpenCcLibraryInstalledFact]
    public async Task Simplified_Chinese_becomes_traditional_and_back() => await OpenCcChecks.SimplifiedBecomesTraditionalAndBackAsync(provider);

    [OpenCcLibraryInstalledFact]
    public async Task Emoji_Latin_text_and_line_breaks_are_kept() => await OpenCcChecks.EmojiLatinAndLineBreaksAreKeptAsync(provider);

    [OpenCcLibraryInstalledFact]
    public async Task Placeholder_tokens_are_kept() => await OpenCcChecks.PlaceholdersAreKeptAsync(provider);

    [OpenCcLibraryInstalledFact]
    public void Only_conversions_between_the_two_scripts_are_supported() => OpenCcChecks.OnlyConversionsBetweenTheScriptsAreSupported(provider);

    [OpenCcLibraryInstalledFact]
    public async Task An_unsupported_pair_is_refused() => await OpenCcChecks.AnUnsupportedPairIsRefusedAsync(provider);

    [OpenCcLibraryInstalledFact]
    public async Task Twenty_texts_in_one_request_come_back_in_order() => await OpenCcChecks.ABatchComesBackInOrderAsync(provider);

    [OpenCcLibraryInstalledFact]
    public async Task Many_concurrent_requests_on_one_handle_each_get_their_own_conversion()
    {
        var requests = Enumerable.Range(0, 16).Select(r => Task.Run(async () =>
        {
            var texts = Enumerable.Range(0, 50).Select(k => $"请求{r}第{k}行：简体中文").ToArray();
            var results = await provider.TranslateAsync(new ProviderRequest(texts, "zh-Hans", "zh-Hant"));
            return (r, results);
        })).ToArray();

        foreach (var (r, results) in await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60)))
        {
            for (var k = 0; k < 50; k++)
            {
                Assert.Equal($"請求{r}第{k}行：簡體中文", results[k].Text);
            }
        }
    }

    [OpenCcLibraryInstalledFact]
    public async Task A_NUL_inside_a_text_does_not_cut_it_short()
    {
        Assert.Equal("簡體\0中文", await OpenCcChecks.ConvertAsync(provider, "简体\0中文", "zh-Hans", "zh-Hant"));
    }

    [OpenCcLibraryInstalledFact]
    public async Task A_disposed_provider_refuses_instead_of_touching_closed_handles()
    {
        var disposable = new OpenCcProvider(NullLogger<OpenCcProvider>.Instance);
        await disposable.InitializeAsync();
        disposable.Dispose();

        Assert.False(disposable.Supports("zh-Hans", "zh-Hant"));
        await Assert.ThrowsAsync<TranslationProviderException>(() => disposable.TranslateAsync(new ProviderRequest(["汉"], "zh-Hans", "zh-Hant")));
    }
}
