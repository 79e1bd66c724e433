using Realtime.Contracts.Moderation;

namespace Realtime.Moderation.Tests;

public sealed class TermMatcherTests
{
    private static readonly TextNormalizer Normalizer = new();

    [Fact]
    public void A_latin_term_matches_whole_words_only()
    {
        var matcher = Matcher(("en", "ass", TermActions.Mask));
        Assert.Empty(matcher.FindAll("first class passenger"));
        Assert.Empty(matcher.FindAll("assess the assets"));
        Assert.Single(matcher.FindAll("you ass!"));
        Assert.Single(matcher.FindAll("ASS"));
    }

    [Fact]
    public void A_latin_term_next_to_chinese_is_a_whole_word()
    {
        var matcher = Matcher(("en", "ass", TermActions.Mask));
        var match = Assert.Single(matcher.FindAll("你是ass吗"));
        Assert.Equal(new TextSpan(2, 3), match.Span);
    }

    [Fact]
    public void A_chinese_term_matches_anywhere()
    {
        var matcher = Matcher(("zh-Hans", "傻逼", TermActions.Block));
        var match = Assert.Single(matcher.FindAll("你这个傻逼吧"));
        Assert.Equal(new TextSpan(3, 2), match.Span);
        Assert.Single(matcher.FindAll("真是傻 逼啊"));
    }

    [Fact]
    public void A_disguised_term_is_found_with_its_span_in_the_original()
    {
        var matcher = Matcher(("en", "shit", TermActions.Mask));
        const string text = "oh 5.h.1.t!";
        var match = Assert.Single(matcher.FindAll(text));
        Assert.Equal("5.h.1.t", text.Substring(match.Span.Start, match.Span.Length));
    }

    [Fact]
    public void A_term_written_with_digits_matches_what_it_looks_like()
    {
        var matcher = Matcher(("en", "l33t", TermActions.Review), ("zh-Hans", "8964", TermActions.Block));
        Assert.Single(matcher.FindAll("so leet"));
        Assert.Single(matcher.FindAll("so l33t"));
        Assert.Single(matcher.FindAll("记住 8964"));
        Assert.Empty(matcher.FindAll("记住 89645"));
    }

    [Fact]
    public void Every_list_applies_to_every_text()
    {
        var matcher = Matcher(("es", "pendejo", TermActions.Mask), ("zh-Hans", "垃圾", TermActions.Mask));
        Assert.Equal(2, matcher.FindAll("this pendejo is 垃圾").Count);
    }

    [Fact]
    public void A_spanish_term_matches_with_or_without_accents()
    {
        var matcher = Matcher(("es", "maricón", TermActions.Block));
        Assert.Single(matcher.FindAll("eres un maricon"));
        Assert.Single(matcher.FindAll("ERES UN MARICÓN"));
    }

    [Fact]
    public void Traditional_text_matches_a_simplified_term_when_opencc_is_installed()
    {
        var normalizer = new TextNormalizer(TestSimplifier.Required);
        var matcher = new TermMatcher([new ModerationTerm("zh-Hans", "发财", TermActions.Review)], normalizer);
        var match = Assert.Single(matcher.FindAll("祝你發財"));
        Assert.Equal(new TextSpan(2, 2), match.Span);
        var traditionalTerm = new TermMatcher([new ModerationTerm("zh-Hant", "賭場", TermActions.Block)], normalizer);
        Assert.Single(traditionalTerm.FindAll("新开的赌场"));
    }

    [Fact]
    public void Overlapping_terms_are_all_reported()
    {
        var matcher = Matcher(("en", "ass", TermActions.Mask), ("en", "ass hat", TermActions.Block));
        Assert.Equal(2, matcher.FindAll("what an ass hat").Count);
    }

    [Fact]
    public void Unknown_actions_and_empty_terms_are_left_out()
    {
        var matcher = Matcher(("en", "spam", "delete"), ("en", "  ", TermActions.Block), ("en", "scam", TermActions.Block));
        Assert.Equal(1, matcher.Count);
    }

    [Fact]
    public void Among_thousands_of_terms_exactly_the_one_in_the_line_is_found()
    {
        // Its cost is measured by the benchmarks (ContactFilterBenchmarks, contact-corpus), not here.
        var terms = Enumerable.Range(0, 5000).Select(i => new ModerationTerm("en", "badword" + Letters(i), TermActions.Mask)).ToList();
        var matcher = new TermMatcher(terms, Normalizer);
        var text = string.Concat(Enumerable.Repeat("a perfectly ordinary line of chat about the stream ", 4)) + "badword" + Letters(4321);

        var match = Assert.Single(matcher.FindAll(text));
        Assert.Equal("badword" + Letters(4321), match.Term.Term);
        Assert.Equal(text.Length - match.Span.Length, match.Span.Start);
    }

    private static string Letters(int value)
    {
        var letters = new char[4];
        for (var i = 0; i < 4; i++)
        {
            letters[i] = (char)('a' + (value % 26));
            value /= 26;
        }

        return new string(letters);
    }

    private static TermMatcher Matcher(params (string Language, string Term, string Action)[] terms) =>
        new(terms.Select(t => new ModerationTerm(t.Language, t.Term, t.Action)), Normalizer);
}
