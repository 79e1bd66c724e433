using System.Text;
using Realtime.Contracts.Moderation;

namespace Realtime.Moderation.Tests;

public sealed class RobustnessTests
{
    private static readonly ContentModerator Moderator = Create();

    public static TheoryData<string> Junk => new()
    {
        string.Empty,
        " ",
        "\uD800",
        "\uDC00abc\uD800",
        "a\uD83D",
        "\0\0\0\u0001\u001F\u007F",
        "\u200B\u200B\u200B",
        "\uFE0F\u20E3",
        "1\uFE0F",
        "@@@@@@@@",
        "..........",
        "+",
        "(((((((((((",
        "at at at at dot dot dot",
        "\uFFFF\uFFFE\uFDD0",
        new string('9', 10_000),
        string.Concat(Enumerable.Repeat("1 ", 5_000)),
        string.Concat(Enumerable.Repeat("a.", 5_000)),
        string.Concat(Enumerable.Repeat("vx ", 3_000)),
        string.Concat(Enumerable.Repeat("x@", 3_000)),
        string.Concat(Enumerable.Repeat("傻 ", 3_000)),
    };

    [Theory]
    [MemberData(nameof(Junk))]
    public void Junk_input_never_throws(string text)
    {
        foreach (var channel in Enum.GetValues<ContentChannel>())
        {
            var verdict = Moderator.Check(text, channel);
            Assert.NotNull(verdict.Text);
        }
    }

    [Fact]
    public void Ten_thousand_random_strings_never_throw_and_spans_stay_inside_the_text()
    {
        var random = new Random(20261204);
        var detector = new ContactDetector();
        const string alphabet = "0123456789一二三四五六七八九零幺两壹贰叁①②③１２３ .-_()+@#:/\\abcxyzVX微信扣QQtg飞机艾特点dotatcomme\u200B\uFE0F\u20E3\u0301ＡＢ！？，。 ";
        var builder = new StringBuilder();
        for (var n = 0; n < 10_000; n++)
        {
            builder.Clear();
            var length = random.Next(0, 120);
            for (var i = 0; i < length; i++)
            {
                builder.Append(random.Next(10) switch
                {
                    0 => (char)random.Next(0, char.MaxValue + 1),
                    _ => alphabet[random.Next(alphabet.Length)],
                });
            }

            var text = builder.ToString();
            foreach (var match in detector.Find(text))
            {
                Assert.InRange(match.Span.Start, 0, text.Length - 1);
                Assert.InRange(match.Span.End, match.Span.Start + 1, text.Length);
            }

            var verdict = Moderator.Check(text, ContentChannel.Chat);
            Assert.NotNull(verdict.Text);
        }
    }

    private static ContentModerator Create()
    {
        var moderator = new ContentModerator(new TextNormalizer(TestSimplifier.Instance));
        moderator.UseTerms(new ModerationTermList(
        [
            new ModerationTerm("en", "ass", TermActions.Mask),
            new ModerationTerm("en", "a", TermActions.Review),
            new ModerationTerm("zh-Hans", "傻逼", TermActions.Block),
            new ModerationTerm("es", "1", TermActions.Mask),
        ], 1));
        return moderator;
    }
}
