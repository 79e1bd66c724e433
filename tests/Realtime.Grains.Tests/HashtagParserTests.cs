using Realtime.Contracts.Hashtags;

namespace Realtime.Grains.Tests;

/// <summary>Which <c>#tags</c> a note's text carries, and how they fold.</summary>
public sealed class HashtagParserTests
{
    [Theory]
    [InlineData("Moving over #tiktokrefugee", "tiktokrefugee")]
    [InlineData("今天吃了 #中国美食 真好吃", "中国美食")]
    [InlineData("好吃#中国美食[话题]#", "中国美食")]
    [InlineData("Coffee at #café, then home", "café")]
    [InlineData("Coffee at #Cafe\u0301!", "café")]
    [InlineData("#CAFÉ", "café")]
    [InlineData("Full width ＃ＲｅｄＮｏｔｅ", "rednote")]
    [InlineData("(#travel_2025)", "travel_2025")]
    [InlineData("#Москва", "москва")]
    [InlineData("#東京 #ソウル", "東京|ソウル")]
    [InlineData("#a #A #b", "a|b")]
    public void TagsAreFoundInAnyScriptAndFolded(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), HashtagParser.Parse(text));
    }

    [Theory]
    [InlineData("see https://example.com/page#section")]
    [InlineData("see example.com/#/route and www.x.com/#top")]
    [InlineData("https://zh.wikipedia.org/wiki/中国#历史")]
    [InlineData("fixed in issue#42 and PR #123")]
    [InlineData("&#128512; is an entity")]
    [InlineData("a lone # and ## and #!")]
    [InlineData("mail me at ann@example.com#x")]
    public void IdsUrlsAndLoneHashesAreNoTags(string text)
    {
        Assert.Empty(HashtagParser.Parse(text));
    }

    [Fact]
    public void TagsStopAtPunctuationAndLongerThanFiftyCharactersAreNoTags()
    {
        Assert.Equal(["hotpot"], HashtagParser.Parse("#hotpot, #hotpot. #hotpot's"));
        Assert.Equal([new string('x', 50)], HashtagParser.Parse("#" + new string('x', 50)));
        Assert.Empty(HashtagParser.Parse("#" + new string('x', 51)));
        Assert.Equal(["𠀀𠀁"], HashtagParser.Parse("#𠀀𠀁 (two letters outside the BMP)"));
    }

    [Fact]
    public void ANoteGivesAtMostTenDistinctTagsTitleFirst()
    {
        var body = string.Join(' ', Enumerable.Range(0, 15).Select(i => $"#t{i}x"));

        var tags = HashtagParser.Parse("#first #t0x", body);

        Assert.Equal(10, tags.Count);
        Assert.Equal("first", tags[0]);
        Assert.Equal("t0x", tags[1]);
        Assert.Equal("t8x", tags[9]);
    }

    [Theory]
    [InlineData("#Café", "café")]
    [InlineData("中国美食", "中国美食")]
    [InlineData("tiktokrefugee", "tiktokrefugee")]
    public void ANamedTagIsFoldedWithOrWithoutItsHash(string input, string folded)
    {
        Assert.Equal(folded, HashtagParser.Normalize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("123")]
    [InlineData("tag!")]
    [InlineData("##tag")]
    [InlineData("half \ud83d")]
    public void AMalformedTagIsRefused(string input)
    {
        Assert.Null(HashtagParser.Normalize(input));
    }

    [Fact]
    public void ATagOfFiftyOneCharactersIsRefused()
    {
        Assert.NotNull(HashtagParser.Normalize(new string('x', 50)));
        Assert.Null(HashtagParser.Normalize(new string('x', 51)));
    }
}
