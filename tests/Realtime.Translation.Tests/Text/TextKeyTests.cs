using Realtime.Translation.Text;

namespace Realtime.Translation.Tests.Text;

/// <summary>The cache key of a translation.</summary>
public sealed class TextKeyTests
{
    [Fact]
    public void Normalising_trims_folds_white_space_and_composes_accents() =>
        Assert.Equal("caf\u00e9 con leche", TextKey.Normalize("  cafe\u0301 \t con\n\n leche  "));

    [Fact]
    public void Texts_that_differ_only_in_white_space_share_a_key() =>
        Assert.Equal(
            TextKey.For(TextKey.Normalize("The cat  is black "), "en", "es", 1),
            TextKey.For(TextKey.Normalize("The cat is black"), "en", "es", 1));

    [Fact]
    public void Source_target_and_glossary_version_are_all_part_of_the_key()
    {
        var key = TextKey.For("The cat is black", "en", "es", 1);
        Assert.NotEqual(key, TextKey.For("The cat is black", null, "es", 1));
        Assert.NotEqual(key, TextKey.For("The cat is black", "en", "fr", 1));
        Assert.NotEqual(key, TextKey.For("The cat is black", "en", "es", 2));
        Assert.Matches("^[0-9a-f]{40}$", key);
    }
}
