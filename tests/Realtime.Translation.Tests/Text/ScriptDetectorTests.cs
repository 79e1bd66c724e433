using Realtime.Translation.Text;

namespace Realtime.Translation.Tests.Text;

/// <summary>The source language of a line: the sender's declared language refined by the script the line is written in.</summary>
public sealed class ScriptDetectorTests
{
    [Theory]
    [InlineData("这个直播间太好看了", null)]
    [InlineData("这个直播间太好看了", "zh-Hant")]
    [InlineData("我们说好了，明天见", "en")]
    public void Han_with_simplified_only_characters_is_simplified_Chinese_whatever_was_declared(string text, string? declared) =>
        Assert.Equal("zh-Hans", ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData("這個直播間太好看了", null)]
    [InlineData("這個直播間太好看了", "zh-Hans")]
    [InlineData("我們說好了，明天見", "en")]
    public void Han_with_traditional_only_characters_is_traditional_Chinese_whatever_was_declared(string text, string? declared) =>
        Assert.Equal("zh-Hant", ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData("好好好好", "zh-TW", "zh-Hant")]
    [InlineData("好好好好", "zh-Hant", "zh-Hant")]
    [InlineData("好好好好", "zh-Hans", "zh-Hans")]
    [InlineData("好好好好", "zh", "zh-Hans")]
    [InlineData("好好好好", null, "zh-Hans")]
    public void Han_shared_by_both_scripts_follows_the_declared_script_and_defaults_to_simplified(string text, string? declared, string expected) =>
        Assert.Equal(expected, ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData("これはすごいですね", null)]
    [InlineData("日本語の勉強をしています", "zh-Hans")]
    [InlineData("カタカナだけ", "en")]
    public void Any_kana_makes_a_line_Japanese(string text, string? declared) =>
        Assert.Equal("ja", ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData("안녕하세요 여러분", null)]
    [InlineData("오늘 방송 재미있어요", "en")]
    [InlineData("오늘 방송 재미있어요", "ko-KR")]
    public void Hangul_is_Korean(string text, string? declared) =>
        Assert.Equal("ko", ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData(null, "ru")]
    [InlineData("en", "ru")]
    [InlineData("ru", "ru")]
    [InlineData("uk", "uk")]
    [InlineData("uk-UA", "uk-UA")]
    public void Cyrillic_is_Russian_unless_the_sender_declared_another_Cyrillic_language_such_as_Ukrainian(string? declared, string expected) =>
        Assert.Equal(expected, ScriptDetector.Detect("Привет всем, как дела сегодня", declared));

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en-US")]
    [InlineData("es", "es")]
    [InlineData("pt-BR", "pt-BR")]
    public void Latin_keeps_a_declared_Latin_script_language(string declared, string expected) =>
        Assert.Equal(expected, ScriptDetector.Detect("Hola a todos, qué tal el directo", declared));

    [Theory]
    [InlineData("zh")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    [InlineData("ru")]
    [InlineData(null)]
    public void Latin_is_unknown_when_the_declared_language_is_not_written_in_Latin_or_nothing_was_declared(string? declared) =>
        Assert.Null(ScriptDetector.Detect("Hello everyone, how is the stream going", declared));

    [Theory]
    [InlineData("这个主播yyds", "zh-Hans", "zh-Hans")]
    [InlineData("這個主播yyds", "zh-Hant", "zh-Hant")]
    [InlineData("我喜欢 iPhone", "zh-Hans", "zh-Hans")]
    [InlineData("Мой iPhone", "ru", "ru")]
    [InlineData("새 iPhone", "ko", "ko")]
    public void A_line_in_the_declared_script_with_a_Latin_brand_or_slang_word_keeps_the_declared_language(string text, string declared, string expected) =>
        Assert.Equal(expected, ScriptDetector.Detect(text, declared));

    [Fact]
    public void A_Latin_line_with_one_foreign_character_still_keeps_a_declared_Latin_language() =>
        Assert.Equal("en", ScriptDetector.Detect("I finally learned how to write 你 today", "en"));

    [Theory]
    [InlineData("😂😂😂", "es", "es")]
    [InlineData("666", null, null)]
    [InlineData("", "en", "en")]
    public void Without_letters_the_declared_language_stands(string text, string? declared, string? expected) =>
        Assert.Equal(expected, ScriptDetector.Detect(text, declared));

    [Theory]
    [InlineData("en-US", "en", true)]
    [InlineData("en", "en-GB", true)]
    [InlineData("ES", "es-MX", true)]
    [InlineData("zh-Hans", "zh-CN", true)]
    [InlineData("zh-Hant", "zh-TW", true)]
    [InlineData("zh", "zh-Hans", true)]
    [InlineData("zh-Hans", "zh-Hant", false)]
    [InlineData("zh-CN", "zh-HK", false)]
    [InlineData("en", "es", false)]
    [InlineData("pt", "es", false)]
    public void Same_language_means_same_primary_language_and_for_Chinese_the_same_script(string source, string target, bool same) =>
        Assert.Equal(same, ScriptDetector.SameLanguage(source, target));

    [Theory]
    [InlineData("zh-Hans", "zh")]
    [InlineData("EN-us", "en")]
    [InlineData("ko", "ko")]
    public void The_base_of_a_tag_is_its_lower_cased_primary_subtag(string tag, string expected) =>
        Assert.Equal(expected, ScriptDetector.BaseOf(tag));
}
