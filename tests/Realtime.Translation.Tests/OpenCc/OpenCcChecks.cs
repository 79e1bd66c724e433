using Realtime.Translation.Providers;
using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation.Tests.OpenCc;

/// <summary>What both OpenCC backends must do, checked against real OpenCC.</summary>
internal static class OpenCcChecks
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public static async Task<string> ConvertAsync(ITranslationProvider provider, string text, string? source, string target)
    {
        var results = await provider.TranslateAsync(new ProviderRequest([text], source, target)).WaitAsync(Generous);
        var result = Assert.Single(results);
        Assert.Null(result.DetectedLanguage);
        return result.Text;
    }

    public static async Task SimplifiedBecomesTraditionalAndBackAsync(OpenCcProvider provider)
    {
        Assert.Equal("簡體中文", await ConvertAsync(provider, "简体中文", "zh-Hans", "zh-Hant"));
        Assert.Equal("简体中文", await ConvertAsync(provider, "簡體中文", "zh-Hant", "zh-Hans"));
        Assert.Equal("頭髮", await ConvertAsync(provider, "头发", "zh-CN", "zh-TW"));
        Assert.Equal("后来", await ConvertAsync(provider, "後來", "zh-HK", "zh-SG"));
    }

    public static async Task EmojiLatinAndLineBreaksAreKeptAsync(OpenCcProvider provider)
    {
        Assert.Equal(
            "今天天氣很好 😀 Hello, world! 123 #直播間 https://example.com/軟件",
            await ConvertAsync(provider, "今天天气很好 😀 Hello, world! 123 #直播间 https://example.com/软件", "zh-Hans", "zh-Hant"));
        Assert.Equal("第一行\n第二行：頭髮\r\n\n第三行\n", await ConvertAsync(provider, "第一行\n第二行：头发\r\n\n第三行\n", "zh-Hans", "zh-Hant"));
        Assert.Equal("Only Latin text.", await ConvertAsync(provider, "Only Latin text.", "zh", "zh-Hant"));
    }

    public static async Task PlaceholdersAreKeptAsync(OpenCcProvider provider)
    {
        Assert.Equal("我喜歡ZXQ0和ZXQ12，發送給ZXQ3。", await ConvertAsync(provider, "我喜欢ZXQ0和ZXQ12，发送给ZXQ3。", "zh-Hans", "zh-Hant"));
        Assert.Equal("我喜欢ZXQ0和ZXQ12，发送给ZXQ3。", await ConvertAsync(provider, "我喜歡ZXQ0和ZXQ12，發送給ZXQ3。", "zh-Hant", "zh-Hans"));
        Assert.Equal("ZXQ4", await ConvertAsync(provider, "ZXQ4", "zh-Hans", "zh-Hant"));
    }

    public static void OnlyConversionsBetweenTheScriptsAreSupported(OpenCcProvider provider)
    {
        Assert.True(provider.Supports("zh-Hans", "zh-Hant"));
        Assert.True(provider.Supports("zh-Hant", "zh-Hans"));
        Assert.True(provider.Supports("zh-CN", "zh-TW"));
        Assert.True(provider.Supports("zh-TW", "zh-Hans"));
        Assert.True(provider.Supports("zh-HK", "zh-SG"));
        Assert.True(provider.Supports("zh-MO", "zh-Hans"));
        Assert.True(provider.Supports("zh", "zh-Hant"));
        Assert.True(provider.Supports("zh", "zh-Hans"));

        Assert.False(provider.Supports(null, "zh-Hant"));
        Assert.False(provider.Supports("zh-Hans", "zh-Hans"));
        Assert.False(provider.Supports("zh-CN", "zh-Hans"));
        Assert.False(provider.Supports("zh-TW", "zh-HK"));
        Assert.False(provider.Supports("zh-Hans", "zh"));
        Assert.False(provider.Supports("en", "zh-Hant"));
        Assert.False(provider.Supports("zh-Hans", "en"));
        Assert.False(provider.Supports("ja", "zh-Hans"));
    }

    public static async Task AnUnsupportedPairIsRefusedAsync(OpenCcProvider provider)
    {
        var e = await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["hello"], "en", "zh-Hant"))).WaitAsync(Generous);
        Assert.Equal("opencc", e.Provider);
        await Assert.ThrowsAsync<TranslationProviderException>(() => provider.TranslateAsync(new ProviderRequest(["汉"], null, "zh-Hant"))).WaitAsync(Generous);
    }

    public static async Task ABatchComesBackInOrderAsync(OpenCcProvider provider)
    {
        var texts = Enumerable.Range(1, 20).Select(n => $"第{n}条消息：头发和软件").Append(string.Empty).ToArray();

        var results = await provider.TranslateAsync(new ProviderRequest(texts, "zh-Hans", "zh-Hant")).WaitAsync(Generous);

        Assert.Equal(texts.Length, results.Count);
        for (var n = 1; n <= 20; n++)
        {
            Assert.Equal($"第{n}條消息：頭髮和軟件", results[n - 1].Text);
        }

        Assert.Equal(string.Empty, results[^1].Text);
    }
}
