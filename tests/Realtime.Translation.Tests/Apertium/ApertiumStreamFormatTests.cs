using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>Plain text into Apertium's stream format and back, without a pipeline in between.</summary>
public sealed class ApertiumStreamFormatTests
{
    [Theory]
    [InlineData("The cat is black.", "The cat is black..[]")]
    [InlineData("a@b.c/d", @"a\@b.c\/d.[]")]
    [InlineData(@"[x] {y} <z> ^$ \", @"\[x\] \{y\} \<z\> \^\$ \\.[]")]
    [InlineData("one\ntwo", "one.[][\n]two.[]")]
    [InlineData("one \r\n\n two", "one .[][\r\n\n ]two.[]")]
    [InlineData("tab\there", "tab[\t]here.[]")]
    [InlineData("5 ~ 6", "5 [~ ]6.[]")]
    [InlineData("nul\0here", "nulhere.[]")]
    public void Text_is_escaped_and_formatting_goes_into_superblanks(string text, string stream) =>
        Assert.Equal(stream, ApertiumStreamFormat.Encode(text));

    [Theory]
    [InlineData("The cat is black.")]
    [InlineData("one\ntwo\n\nthree.")]
    [InlineData("a@b.c/d [x] {y} <z> ^$ \\ ~ # * 😀")]
    [InlineData("Ends with a period.\nNext line.")]
    [InlineData("Question?\r\nAnswer!")]
    public void Decoding_an_untranslated_stream_gives_the_text_back(string text) =>
        Assert.Equal(text, ApertiumStreamFormat.Decode(ApertiumStreamFormat.Encode(text)));

    [Fact]
    public void Surrounding_whitespace_is_set_aside()
    {
        Assert.Equal(("  ", "core text", "\n"), ApertiumStreamFormat.Split("  core text\n"));
        Assert.Equal((" \t ", "", ""), ApertiumStreamFormat.Split(" \t "));
    }
}
