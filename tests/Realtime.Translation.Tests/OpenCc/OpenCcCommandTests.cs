using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation.Tests.OpenCc;

/// <summary>OpenCC through the opencc command, the fallback when libopencc cannot be loaded.</summary>
public sealed class OpenCcCommandTests : IAsyncLifetime
{
    private readonly OpenCcProvider provider = new(NullLogger.Instance, OpenCcBackendKind.Command, "opencc");

    public Task InitializeAsync() => provider.InitializeAsync();

    public Task DisposeAsync()
    {
        provider.Dispose();
        return Task.CompletedTask;
    }

    [OpenCcCommandInstalledFact]
    public void It_uses_the_command() => Assert.Equal(OpenCcBackendKind.Command, provider.Backend);

    [OpenCcCommandInstalledFact]
    public async Task Simplified_Chinese_becomes_traditional_and_back() => await OpenCcChecks.SimplifiedBecomesTraditionalAndBackAsync(provider);

    [OpenCcCommandInstalledFact]
    public async Task Emoji_Latin_text_and_line_breaks_are_kept() => await OpenCcChecks.EmojiLatinAndLineBreaksAreKeptAsync(provider);

    [OpenCcCommandInstalledFact]
    public async Task Placeholder_tokens_are_kept() => await OpenCcChecks.PlaceholdersAreKeptAsync(provider);

    [OpenCcCommandInstalledFact]
    public void Only_conversions_between_the_two_scripts_are_supported() => OpenCcChecks.OnlyConversionsBetweenTheScriptsAreSupported(provider);

    [OpenCcCommandInstalledFact]
    public async Task Twenty_texts_in_one_request_come_back_in_order() => await OpenCcChecks.ABatchComesBackInOrderAsync(provider);

    [Fact]
    public async Task Without_the_library_or_the_command_the_provider_supports_nothing_and_does_not_throw()
    {
        using var missing = new OpenCcProvider(NullLogger.Instance, OpenCcBackendKind.Command, "/nonexistent/opencc");

        await missing.InitializeAsync();

        Assert.Equal(OpenCcBackendKind.None, missing.Backend);
        Assert.False(missing.Supports("zh-Hans", "zh-Hant"));
    }
}
