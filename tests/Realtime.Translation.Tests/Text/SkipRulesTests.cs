using Realtime.Translation.Text;

namespace Realtime.Translation.Tests.Text;

/// <summary>Lines that go out untranslated because a translation would add nothing.</summary>
public sealed class SkipRulesTests
{
    [Theory]
    [InlineData("😂😂😂")]
    [InlineData("👍")]
    [InlineData("❤️❤️❤️ 🔥🔥")]
    [InlineData("🇨🇳🇪🇸")]
    [InlineData("!!!???")]
    public void Emoji_and_punctuation_only_lines_are_skipped(string text) => Assert.True(SkipRules.ShouldSkip(text));

    [Theory]
    [InlineData("666")]
    [InlineData("6666666")]
    [InlineData("2333")]
    [InlineData("23333333")]
    [InlineData("520")]
    [InlineData("1314 520")]
    [InlineData("3.14159")]
    public void Number_only_lines_are_skipped(string text) => Assert.True(SkipRules.ShouldSkip(text));

    [Theory]
    [InlineData("https://example.com/shop/item?id=12345")]
    [InlineData("http://live.example.org/rooms/abc")]
    [InlineData("www.example.com/watch")]
    [InlineData("HTTPS://EXAMPLE.COM/UPPER")]
    [InlineData("👉 https://example.com/deal 👈")]
    public void Link_only_lines_are_skipped(string text) => Assert.True(SkipRules.ShouldSkip(text));

    [Theory]
    [InlineData("hahaha")]
    [InlineData("HAHAHAHA")]
    [InlineData("hahahaha!!!")]
    [InlineData("hehehe")]
    [InlineData("jajajaja")]
    [InlineData("jejeje")]
    [InlineData("kkkkkk")]
    [InlineData("哈哈哈")]
    [InlineData("哈哈哈哈哈哈")]
    [InlineData("呵呵呵呵")]
    [InlineData("嘻嘻嘻嘻")]
    [InlineData("www")]
    [InlineData("wwwwwww")]
    [InlineData("草草草草")]
    [InlineData("ㅋㅋㅋ")]
    [InlineData("ㅋㅋㅋㅋㅋㅋ")]
    [InlineData("ㅎㅎㅎㅎ")]
    [InlineData("lol")]
    [InlineData("LOL")]
    [InlineData("lmaooo")]
    [InlineData("rofl")]
    [InlineData("xDDD")]
    [InlineData("hahaha lol 😂")]
    public void Laughter_in_many_languages_is_skipped(string text) => Assert.True(SkipRules.ShouldSkip(text));

    [Theory]
    [InlineData("ok!")]
    [InlineData("OK")]
    [InlineData("好的")]
    [InlineData("好的！")]
    [InlineData("yes")]
    [InlineData("gg")]
    [InlineData("네")]
    [InlineData("да!")]
    [InlineData("666 ok")]
    [InlineData("www.example.com/a ok")]
    public void Three_letters_or_fewer_are_skipped(string text) => Assert.True(SkipRules.ShouldSkip(text));

    [Theory]
    [InlineData("The cat is black")]
    [InlineData("Where did you buy that jacket?")]
    [InlineData("¿Dónde compraste esa chaqueta?")]
    [InlineData("今天的直播太精彩了")]
    [InlineData("這個主播唱歌很好聽")]
    [InlineData("この商品はどこで買えますか")]
    [InlineData("오늘 방송 정말 재미있어요")]
    [InlineData("Привет всем, как дела?")]
    [InlineData("مرحبا بالجميع")]
    [InlineData("สวัสดีทุกคน")]
    [InlineData("Check this out https://example.com/deal it is cheap")]
    [InlineData("hahaha that was so funny")]
    [InlineData("666 this streamer is amazing")]
    [InlineData("我爱你们")]
    public void Real_sentences_in_any_script_are_not_skipped(string text) => Assert.False(SkipRules.ShouldSkip(text));
}
