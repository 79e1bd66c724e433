using Realtime.Contracts.Rooms;
using Realtime.Translation.Glossary;
using Realtime.Translation.Providers;

namespace Realtime.Translation.Tests.Glossary;

/// <summary>Glossary terms around a provider: placeholders put back after translation, or Azure's dictionary markup.</summary>
public sealed class GlossaryApplierTests
{
    private const string LyingFlatNote = "tang ping, 'lying flat': choosing a low-effort life over the rat race";
    private const string YydsNote = "'eternal god': the greatest of all time";

    private static readonly GlossaryDocument Glossary = new(
        7,
        [
            new GlossaryEntry("zh-Hans", "烟火气", new Dictionary<string, string> { ["en"] = "Vibe of Daily Life", ["es"] = "el encanto de la vida cotidiana" }),
            new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es"] = "directo", ["es-MX"] = "transmisión en vivo", ["zh-Hant"] = "直播" }),
            new GlossaryEntry("en", "live stream", new Dictionary<string, string> { ["es"] = "emisión en directo" }),
            new GlossaryEntry("en", "stream", new Dictionary<string, string> { ["es"] = "canal" }),
            new GlossaryEntry("en", "Q&A", new Dictionary<string, string> { ["es"] = "Preguntas & \"respuestas\" $0" }),
        ],
        [
            new KeptTerm("躺平", LyingFlatNote),
            new KeptTerm("yyds", YydsNote),
        ]);

    [Fact]
    public void Placeholder_mode_replaces_a_term_by_a_token_and_restores_the_targets_rendering()
    {
        var prepared = Prepare("今天的烟火气真好", "zh-Hans", "en");

        Assert.Equal("今天的ZXQ0真好", prepared.Text);
        Assert.True(prepared.NeedsProvider);
        Assert.Empty(prepared.Explanations);
        Assert.Equal("Today's Vibe of Daily Life is great", GlossaryApplier.Restore("Today's ZXQ0 is great", prepared));
    }

    [Theory]
    [InlineData("en", "Vibe of Daily Life")]
    [InlineData("en-GB", "Vibe of Daily Life")]
    [InlineData("es", "el encanto de la vida cotidiana")]
    [InlineData("es-AR", "el encanto de la vida cotidiana")]
    public void The_rendering_is_the_targets_own_or_else_its_base_languages(string target, string rendering)
    {
        var prepared = Prepare("烟火气满满的一天", "zh-Hans", target);
        Assert.Equal(rendering + " all day", GlossaryApplier.Restore("ZXQ0 all day", prepared));
    }

    [Fact]
    public void A_regional_rendering_wins_over_the_base_languages_for_that_region_only()
    {
        Assert.Equal("la transmisión en vivo", GlossaryApplier.Restore("la ZXQ0", Prepare("the livestream starts", "en", "es-MX")));
        Assert.Equal("el directo", GlossaryApplier.Restore("el ZXQ0", Prepare("the livestream starts", "en", "es-ES")));
    }

    [Fact]
    public void The_base_languages_rendering_wins_over_a_sibling_regions_whatever_their_order()
    {
        var glossary = new GlossaryDocument(
            1,
            [new GlossaryEntry("en", "livestream", new Dictionary<string, string> { ["es-MX"] = "transmisión en vivo", ["es"] = "directo" })],
            []);

        Assert.Equal("el directo", GlossaryApplier.Restore("el ZXQ0", GlossaryApplier.Prepare("the livestream", "en", "es-ES", GlossaryMode.Placeholders, glossary)));
        Assert.Equal("la transmisión en vivo", GlossaryApplier.Restore("la ZXQ0", GlossaryApplier.Prepare("the livestream", "en", "es-MX", GlossaryMode.Placeholders, glossary)));
    }

    [Fact]
    public void A_sibling_regions_rendering_serves_when_there_is_no_other()
    {
        var glossary = new GlossaryDocument(
            1,
            [new GlossaryEntry("zh-Hans", "种草", new Dictionary<string, string> { ["zh-TW"] = "種草" })],
            []);

        Assert.Equal("種草了", GlossaryApplier.Restore("ZXQ0了", GlossaryApplier.Prepare("种草了", "zh-Hans", "zh-Hant", GlossaryMode.Placeholders, glossary)));
    }

    [Theory]
    [InlineData("the livestream starts", "en", "fr")]
    [InlineData("the livestream starts", "en", "zh-Hans")]
    [InlineData("烟火气满满的一天", "ja", "en")]
    [InlineData("烟火气满满的一天", null, "en")]
    public void A_term_with_no_rendering_for_the_target_or_of_another_source_language_is_left_to_the_provider(string text, string? source, string target)
    {
        var prepared = Prepare(text, source, target);

        Assert.Equal(text, prepared.Text);
        Assert.Empty(prepared.Restore);
        Assert.True(prepared.NeedsProvider);
    }

    [Fact]
    public void A_regional_or_script_variant_of_the_entrys_source_language_uses_the_entry() =>
        Assert.Equal("ZXQ0满满的一天", Prepare("烟火气满满的一天", "zh-CN", "en").Text);

    [Fact]
    public void Kept_terms_pass_through_untranslated_with_their_explanations()
    {
        var prepared = Prepare("今天又躺平了，主播 yyds", "zh-Hans", "en");

        Assert.DoesNotContain("躺平", prepared.Text);
        Assert.DoesNotContain("yyds", prepared.Text);
        var translated = prepared.Text.Replace("今天又", "Today I ", StringComparison.Ordinal).Replace("了，主播", " again, the host is", StringComparison.Ordinal);
        Assert.Equal("Today I 躺平 again, the host is yyds", GlossaryApplier.Restore(translated, prepared));
        Assert.Equal(
            new[] { new TermExplanation("yyds", YydsNote), new TermExplanation("躺平", LyingFlatNote) },
            prepared.Explanations.OrderByDescending(e => e.Term.Length).ToArray());
    }

    [Fact]
    public void Kept_terms_apply_even_when_the_source_language_is_unknown()
    {
        var prepared = Prepare("躺平 is my plan for the weekend", null, "es");

        Assert.Equal("ZXQ0 is my plan for the weekend", prepared.Text);
        Assert.Equal(new[] { new TermExplanation("躺平", LyingFlatNote) }, prepared.Explanations);
    }

    [Theory]
    [InlineData("the streamer is funny")]
    [InlineData("mainstream music tonight")]
    [InlineData("streams are fun tonight")]
    public void Latin_terms_match_whole_words_only(string text) => Assert.Equal(text, Prepare(text, "en", "es").Text);

    [Theory]
    [InlineData("join the stream now", "join the ZXQ0 now")]
    [InlineData("Stream, everyone!", "ZXQ0, everyone!")]
    [InlineData("(STREAM) starts", "(ZXQ0) starts")]
    public void Latin_terms_match_whole_words_in_any_case_between_punctuation(string text, string expected) =>
        Assert.Equal(expected, Prepare(text, "en", "es").Text);

    [Theory]
    [InlineData("这个主播yyds", "这个主播ZXQ0")]
    [InlineData("主播yyds！", "主播ZXQ0！")]
    [InlineData("yyds这个主播", "ZXQ0这个主播")]
    public void A_Latin_term_glued_to_Chinese_characters_is_still_a_whole_word(string text, string expected)
    {
        var prepared = Prepare(text, "zh-Hans", "zh-Hant");

        Assert.Equal(expected, prepared.Text);
        Assert.Equal(new[] { new TermExplanation("yyds", YydsNote) }, prepared.Explanations);
    }

    [Fact]
    public void A_Latin_term_inside_a_longer_Latin_word_is_not_matched_even_next_to_Chinese() =>
        Assert.Equal("主播yydsss", Prepare("主播yydsss", "zh-Hans", "zh-Hant").Text);

    [Theory]
    [InlineData("这里的烟火气息很浓", "这里的ZXQ0息很浓")]
    [InlineData("烟火气", "ZXQ0")]
    [InlineData("大家都想躺平吧", "大家都想ZXQ0吧")]
    public void CJK_terms_match_anywhere_in_the_text(string text, string expected) =>
        Assert.Equal(expected, Prepare(text, "zh-Hans", "en").Text);

    [Theory]
    [InlineData("烟火气！", "zh-Hans", "en", "Vibe of Daily Life！")]
    [InlineData("躺平", "zh-Hans", "en", "躺平")]
    [InlineData("  yyds!!  ", "zh-Hans", "zh-Hant", "  yyds!!  ")]
    [InlineData("Livestream... Q&A?", "en", "es", "directo... Preguntas & \"respuestas\" $0?")]
    public void A_text_that_is_only_glossary_terms_needs_no_provider(string text, string source, string target, string expected)
    {
        var prepared = Prepare(text, source, target);

        Assert.False(prepared.NeedsProvider);
        Assert.Equal(expected, GlossaryApplier.RestoreWithoutProvider(prepared));
    }

    [Fact]
    public void A_longer_term_wins_over_a_shorter_one_inside_it()
    {
        var prepared = Prepare("the live stream starts", "en", "es");

        Assert.Equal("the ZXQ0 starts", prepared.Text);
        Assert.Equal("la emisión en directo empieza", GlossaryApplier.Restore("la ZXQ0 empieza", prepared));
    }

    [Theory]
    [InlineData("hoy zxq0 otra vez")]
    [InlineData("hoy Zxq0 otra vez")]
    [InlineData("hoy ZXQ0 otra vez")]
    public void Restoring_tolerates_a_provider_changing_the_tokens_case(string translated)
    {
        var prepared = Prepare("today 躺平 again", "en", "es");
        Assert.Equal("hoy 躺平 otra vez", GlossaryApplier.Restore(translated, prepared));
    }

    [Fact]
    public void Restoring_a_text_without_glossary_terms_returns_the_translation_unchanged()
    {
        var prepared = Prepare("nothing to see here", "en", "es");

        Assert.True(prepared.NeedsProvider);
        Assert.Equal("nada que ver aquí zxq0", GlossaryApplier.Restore("nada que ver aquí zxq0", prepared));
    }

    [Fact]
    public void Markup_mode_wraps_a_term_in_Azures_dictionary_markup_with_the_rendering()
    {
        var prepared = Prepare("今天的烟火气真好", "zh-Hans", "en", GlossaryMode.Markup);

        Assert.Equal("今天的<mstrans:dictionary translation=\"Vibe of Daily Life\">烟火气</mstrans:dictionary>真好", prepared.Text);
        Assert.Empty(prepared.Restore);
        Assert.True(prepared.NeedsProvider);
        Assert.Equal("Today's Vibe of Daily Life is great", GlossaryApplier.Restore("Today's Vibe of Daily Life is great", prepared));
    }

    [Fact]
    public void Markup_mode_renders_a_kept_term_as_itself_and_explains_it()
    {
        var prepared = Prepare("今天又躺平了", "zh-Hans", "en", GlossaryMode.Markup);

        Assert.Equal("今天又<mstrans:dictionary translation=\"躺平\">躺平</mstrans:dictionary>了", prepared.Text);
        Assert.Equal(new[] { new TermExplanation("躺平", LyingFlatNote) }, prepared.Explanations);
    }

    [Fact]
    public void Markup_mode_html_escapes_the_rendering()
    {
        var prepared = Prepare("Q&A after the show", "en", "es", GlossaryMode.Markup);

        Assert.Equal(
            "<mstrans:dictionary translation=\"Preguntas &amp; &quot;respuestas&quot; $0\">Q&A</mstrans:dictionary> after the show",
            prepared.Text);
    }

    [Fact]
    public void Markup_mode_writes_accented_and_CJK_renderings_as_they_are()
    {
        Assert.Equal(
            "la <mstrans:dictionary translation=\"transmisión en vivo\">livestream</mstrans:dictionary>",
            Prepare("la livestream", "en", "es-MX", GlossaryMode.Markup).Text);
        Assert.Equal(
            "<mstrans:dictionary translation=\"直播\">livestream</mstrans:dictionary> now",
            Prepare("livestream now", "en", "zh-Hant", GlossaryMode.Markup).Text);
    }

    [Fact]
    public void Markup_mode_never_nests_a_shorter_term_inside_a_longer_terms_markup()
    {
        var prepared = Prepare("the live stream and the stream", "en", "es", GlossaryMode.Markup);

        Assert.Equal(
            "the <mstrans:dictionary translation=\"emisión en directo\">live stream</mstrans:dictionary> and the "
            + "<mstrans:dictionary translation=\"canal\">stream</mstrans:dictionary>",
            prepared.Text);
    }

    [Fact]
    public void Markup_mode_leaves_a_rendering_alone_that_contains_another_term()
    {
        var glossary = new GlossaryDocument(
            1,
            [
                new GlossaryEntry("en", "shout-out", new Dictionary<string, string> { ["es"] = "saludo en el stream" }),
                new GlossaryEntry("en", "stream", new Dictionary<string, string> { ["es"] = "directo" }),
            ],
            []);

        var prepared = GlossaryApplier.Prepare("a shout-out to the stream", "en", "es", GlossaryMode.Markup, glossary);

        Assert.Equal(
            "a <mstrans:dictionary translation=\"saludo en el stream\">shout-out</mstrans:dictionary> to the "
            + "<mstrans:dictionary translation=\"directo\">stream</mstrans:dictionary>",
            prepared.Text);
    }

    [Fact]
    public void A_text_the_glossary_does_not_touch_is_sent_as_it_is_in_both_modes()
    {
        foreach (var mode in new[] { GlossaryMode.Placeholders, GlossaryMode.Markup })
        {
            var prepared = Prepare("The cat is black", "en", "es", mode);
            Assert.Equal("The cat is black", prepared.Text);
            Assert.True(prepared.NeedsProvider);
            Assert.Empty(prepared.Explanations);
        }
    }

    private static PreparedText Prepare(string text, string? source, string target, GlossaryMode mode = GlossaryMode.Placeholders) =>
        GlossaryApplier.Prepare(text, source, target, mode, Glossary);
}
