namespace Realtime.Moderation.Tests;

/// <summary>
/// The contact rules look for a keyword, an at sign or a top-level domain before running their
/// expressions. These are the cases at the edges of those looks: each must still be found, with
/// the span the expression gives.
/// </summary>
public sealed class ContactPrefilterTests
{
    private readonly ContactDetector detector = new();

    [Theory]
    [InlineData("我的微信号是：：：：：：abc_123 谢谢", "微信号是：：：：：：abc_123")]
    [InlineData("whats\tapp 612345678", "whats\tapp 612345678")]
    [InlineData("tu v信 mei_88", "v信 mei_88")]
    [InlineData("fans加vabc123", "加vabc123")]
    [InlineData("snapchat: @mei.tw", "snapchat: @mei.tw")]
    [InlineData("微微一笑 加我line: shop8899", "line: shop8899")]
    public void A_messenger_id_is_found_wherever_its_keyword_stands(string text, string expected) =>
        AssertSpan(text, ContactKind.Messenger, expected);

    [Theory]
    [InlineData("the lineup was great, wait for me at the vip door", ContactKind.Messenger)]
    [InlineData("微笑面对每一天，坐飞机去台北", ContactKind.Messenger)]
    [InlineData("the price is 129.99 and that's it. wow. see you", ContactKind.Link)]
    [InlineData("that was great, what a show", ContactKind.Email)]
    public void Words_that_only_look_like_a_keyword_are_not_contacts(string text, ContactKind kind) =>
        Assert.DoesNotContain(detector.Find(text), m => m.Kind == kind);

    [Theory]
    [InlineData("x a very long introduction first, then abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij (at) gmail (dot) com",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij (at) gmail (dot) com")]
    [InlineData("write to mei at符号qq点com", "at符号qq点com")]
    [InlineData("escríbeme: ana arroba gmail punto com", "ana arroba gmail punto com")]
    public void An_email_address_is_found_from_its_at_sign_back(string text, string expected)
    {
        var match = Assert.Single(detector.Find(text), m => m.Kind == ContactKind.Email);
        Assert.EndsWith(expected, Slice(text, match.Span));
    }

    [Theory]
    [InlineData("join t dot me/ofertas now", "t dot me/ofertas")]
    [InlineData("see bit点ly/abc", "bit点ly/abc")]
    [InlineData("go to shop(dot)com today", "shop(dot)com")]
    [InlineData("visit weixin.qq. com", "weixin.qq. com")]
    public void A_domain_is_found_whatever_its_dot(string text, string expected) =>
        AssertSpan(text, ContactKind.Link, expected);

    private void AssertSpan(string text, ContactKind kind, string expected)
    {
        var match = Assert.Single(detector.Find(text), m => m.Kind == kind);
        Assert.Equal(expected, Slice(text, match.Span));
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
