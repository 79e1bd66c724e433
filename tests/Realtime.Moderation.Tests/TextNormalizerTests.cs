namespace Realtime.Moderation.Tests;

public sealed class TextNormalizerTests
{
    private readonly TextNormalizer plain = new();

    [Theory]
    [InlineData("HeLLo", "hello")]
    [InlineData("ＦＵＣＫ", "fuck")]
    [InlineData("ﬁne", "fine")]
    [InlineData("maricón", "maricon")]
    [InlineData("marico\u0301n", "maricon")]
    [InlineData("ⓕⓤⓒⓚ", "fuck")]
    [InlineData("𝐟𝐮𝐜𝐤", "fuck")]
    public void Width_case_compatibility_forms_and_accents_are_folded(string text, string expected) =>
        Assert.Equal(expected, plain.Normalize(text).Text);

    [Theory]
    [InlineData("f.u.c.k", "fuck")]
    [InlineData("f u c k", "fuck")]
    [InlineData("s-h-i-t", "shit")]
    [InlineData("s - h - i - t", "shit")]
    [InlineData("sh_it", "shit")]
    [InlineData("f*u*c*k", "fuck")]
    [InlineData("傻 逼", "傻逼")]
    [InlineData("傻.逼", "傻逼")]
    [InlineData("f\u200Bu\u200Bc\u200Bk", "fuck")]
    public void Separators_inserted_between_letters_are_removed(string text, string expected) =>
        Assert.Equal(expected, plain.Normalize(text).Text);

    [Theory]
    [InlineData("you are an ass", "you are an ass")]
    [InlineData("kick-ass show", "kick-ass show")]
    [InlineData("covid-19", "covid-19")]
    public void Spaces_between_words_and_hyphens_in_compounds_stay(string text, string expected) =>
        Assert.Equal(expected, plain.Normalize(text).Text);

    [Theory]
    [InlineData("sh1t", "shit")]
    [InlineData("a55", "ass")]
    [InlineData("5h1t", "shit")]
    [InlineData("$hit", "shit")]
    [InlineData("@ss", "ass")]
    [InlineData("b!tch", "bitch")]
    [InlineData("l33t", "leet")]
    [InlineData("h4x0r", "haxor")]
    [InlineData("5.h.1.t", "shit")]
    public void Look_alike_digits_and_symbols_read_as_letters_inside_words(string text, string expected) =>
        Assert.Equal(expected, plain.Normalize(text).Text);

    [Theory]
    [InlineData("paid 455 today", "paid 455 today")]
    [InlineData("hello!", "hello!")]
    [InlineData("8964", "8964")]
    public void Numbers_on_their_own_and_closing_marks_stay(string text, string expected) =>
        Assert.Equal(expected, plain.Normalize(text).Text);

    [Fact]
    public void Origins_map_every_normalised_character_back_to_the_original()
    {
        const string text = "Oh F.U.C.K ＡＢ";
        var normalized = plain.Normalize(text);
        Assert.Equal("oh fuck ab", normalized.Text);
        Assert.Equal(normalized.Text.Length + 1, normalized.Origins.Length);
        Assert.Equal(text.Length, normalized.Origins[^1]);
        Assert.Equal("F.U.C.K", Slice(text, normalized.ToOriginal(3, 4)));
        Assert.Equal("ＡＢ", Slice(text, normalized.ToOriginal(8, 2)));
        for (var i = 0; i < normalized.Text.Length; i++)
        {
            var source = text[normalized.Origins[i]].ToString().Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
            Assert.Equal(source[0], normalized.Text[i]);
        }
    }

    [Fact]
    public void An_expansion_maps_all_its_characters_to_one_origin()
    {
        var normalized = plain.Normalize("a ﬁ b");
        Assert.Equal("a fi b", normalized.Text);
        Assert.Equal(2, normalized.Origins[2]);
        Assert.Equal(2, normalized.Origins[3]);
        Assert.Equal(new TextSpan(2, 1), normalized.ToOriginal(2, 2));
    }

    [Fact]
    public void A_dropped_accent_is_masked_with_its_letter()
    {
        const string text = "x marico\u0301n y";
        var normalized = plain.Normalize(text);
        var start = normalized.Text.IndexOf("maricon", StringComparison.Ordinal);
        Assert.Equal("marico\u0301n", Slice(text, normalized.ToOriginal(start, 7)));
    }

    [Fact]
    public void Traditional_chinese_is_folded_to_simplified_when_opencc_is_installed()
    {
        var normalizer = new TextNormalizer(TestSimplifier.Required);
        Assert.True(normalizer.SimplifiesChinese);
        var normalized = normalizer.Normalize("這個賣場很讚 發財");
        Assert.Equal("这个卖场很赞发财", normalized.Text);
        Assert.Equal(7, normalized.Origins[6]);
    }

    [Fact]
    public void A_simplifier_that_changes_the_length_is_ignored()
    {
        var normalizer = new TextNormalizer(new GrowingSimplifier());
        Assert.Equal("這個", normalizer.Normalize("這個").Text);
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    private sealed class GrowingSimplifier : IChineseSimplifier
    {
        public string Simplify(string text) => text + "!";
    }
}
