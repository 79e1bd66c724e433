using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>Apertium's language codes against BCP-47, both ways.</summary>
public sealed class ApertiumLanguagesTests
{
    [Theory]
    [InlineData("eng", "en")]
    [InlineData("spa", "es")]
    [InlineData("cat", "ca")]
    [InlineData("fra", "fr")]
    [InlineData("por", "pt")]
    [InlineData("ita", "it")]
    [InlineData("nob", "nb")]
    [InlineData("ast", "ast")]
    [InlineData("eng_US", "en-US")]
    [InlineData("por_BR", "pt-BR")]
    [InlineData("spa_419", "es-419")]
    [InlineData("cat_valencia", "ca-valencia")]
    [InlineData("oci_aran", "oc-x-aran")]
    public void Apertium_codes_become_BCP47_tags(string apertium, string bcp47) =>
        Assert.Equal(bcp47, ApertiumLanguages.ToBcp47(apertium));

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("english")]
    [InlineData("eng_")]
    [InlineData("eng_U-S")]
    public void Things_that_are_not_language_codes_have_no_tag(string apertium) =>
        Assert.Null(ApertiumLanguages.ToBcp47(apertium));

    [Theory]
    [InlineData("en", new[] { "eng" })]
    [InlineData("es", new[] { "spa" })]
    [InlineData("en-US", new[] { "eng_US", "eng" })]
    [InlineData("es-419", new[] { "spa_419", "spa" })]
    [InlineData("sr-Latn", new[] { "srp" })]
    [InlineData("ca-valencia", new[] { "cat_valencia", "cat" })]
    [InlineData("oc-x-aran", new[] { "oci_aran", "oci" })]
    [InlineData("ast", new[] { "ast" })]
    [InlineData("EN", new[] { "eng" })]
    public void BCP47_tags_map_to_Apertium_codes_most_specific_first(string bcp47, string[] expected) =>
        Assert.Equal(expected, ApertiumLanguages.Candidates(bcp47));

    [Theory]
    [InlineData("")]
    [InlineData("xx")]
    [InlineData("x-private")]
    public void Unknown_languages_have_no_Apertium_code(string bcp47) =>
        Assert.Empty(ApertiumLanguages.Candidates(bcp47));
}
