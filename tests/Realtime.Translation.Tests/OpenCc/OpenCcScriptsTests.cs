using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Translation.Tests.OpenCc;

/// <summary>Which OpenCC configuration a pair of Chinese tags needs.</summary>
public sealed class OpenCcScriptsTests
{
    [Theory]
    [InlineData("zh-Hans", "zh-Hant", "s2t.json")]
    [InlineData("zh-CN", "zh-TW", "s2t.json")]
    [InlineData("zh-SG", "zh-HK", "s2t.json")]
    [InlineData("zh", "zh-MO", "s2t.json")]
    [InlineData("zh-Hant", "zh-Hans", "t2s.json")]
    [InlineData("zh-Hant-TW", "zh-Hans-CN", "t2s.json")]
    [InlineData("zh-HK", "zh-CN", "t2s.json")]
    [InlineData("zh", "zh-Hans", "t2s.json")]
    [InlineData("ZH-hans", "zh-hant", "s2t.json")]
    public void Chinese_tags_of_different_scripts_pick_a_direction(string source, string target, string config) =>
        Assert.Equal(config, OpenCcScripts.Config(source, target));

    [Theory]
    [InlineData(null, "zh-Hant")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-TW", "zh-HK")]
    [InlineData("zh-Hans", "zh")]
    [InlineData("en", "zh-Hant")]
    [InlineData("zh-Hant", "ja")]
    [InlineData("", "zh-Hant")]
    public void Other_pairs_have_no_direction(string? source, string target) =>
        Assert.Null(OpenCcScripts.Config(source, target));
}
