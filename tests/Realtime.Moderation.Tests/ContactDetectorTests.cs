namespace Realtime.Moderation.Tests;

public sealed class ContactDetectorTests
{
    private readonly ContactDetector detector = new();

    [Theory]
    [InlineData("call 13812345678 now", "13812345678")]
    [InlineData("电话 +86 138 1234 5678 找我", "+86 138 1234 5678")]
    [InlineData("0086-138-1234-5678", "0086-138-1234-5678")]
    [InlineData("mi número +34 612 345 678", "+34 612 345 678")]
    [InlineData("text (555) 123-4567 later", "(555) 123-4567")]
    [InlineData("555.123.4567", "555.123.4567")]
    public void A_phone_number_is_found_with_its_exact_span(string text, string expected)
    {
        var match = Assert.Single(detector.Find(text));
        Assert.Equal(ContactKind.Phone, match.Kind);
        Assert.Equal(expected, Slice(text, match.Span));
    }

    [Theory]
    [InlineData("一三八一二三四五六七八")]
    [InlineData("幺三八 幺二三四 五六七八")]
    [InlineData("两三八一二三四五六七八 打我")]
    public void A_phone_number_written_in_chinese_numerals_is_found(string text) => AssertKind(text, ContactKind.Phone);

    [Theory]
    [InlineData("壹叁捌壹贰叁肆伍陆柒捌")]
    [InlineData("零玖壹貳參肆伍陸柒捌")]
    public void A_phone_number_written_in_financial_numerals_is_found(string text) => AssertKind(text, ContactKind.Phone);

    [Theory]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("①③⑧①②③④⑤⑥⑦⑧")]
    [InlineData("1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣")]
    [InlineData("138一二三四５６７８")]
    [InlineData("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖")]
    [InlineData("1\u200B3\u200B8\u200B1\u200B2\u200B3\u200B4\u200B5\u200B6\u200B7\u200B8")]
    public void A_phone_number_in_full_width_circled_keycap_or_mixed_digits_is_found(string text) => AssertKind(text, ContactKind.Phone);

    [Fact]
    public void A_keycap_number_is_masked_with_its_marks()
    {
        const string text = "call 5️⃣5️⃣5️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣ ok";
        var match = Assert.Single(detector.Find(text));
        Assert.Equal("call ", text[..match.Span.Start]);
        Assert.Equal(" ok", text[match.Span.End..]);
    }

    [Theory]
    [InlineData("vx: abc_123", "vx: abc_123")]
    [InlineData("加微 xiaomei888", "加微 xiaomei888")]
    [InlineData("QQ 12345678", "QQ 12345678")]
    [InlineData("tg @handle", "tg @handle")]
    [InlineData("薇信 lili520 找我", "薇信 lili520")]
    [InlineData("扣扣 987654321", "扣扣 987654321")]
    [InlineData("企鹅号 2765543210", "企鹅号 2765543210")]
    [InlineData("飞机 @fastdeal88", "飞机 @fastdeal88")]
    [InlineData("whatsapp: maria_88", "whatsapp: maria_88")]
    [InlineData("賴 ID：mei_tw88", "賴 ID：mei_tw88")]
    [InlineData("add me on snap: jenny_xo99", "snap: jenny_xo99")]
    public void A_messenger_named_with_an_id_is_found(string text, string expected)
    {
        var match = Assert.Single(detector.Find(text));
        Assert.Equal(ContactKind.Messenger, match.Kind);
        Assert.Equal(expected, Slice(text, match.Span));
    }

    [Theory]
    [InlineData("I like the line at the store")]
    [InlineData("微笑面对每一天")]
    [InlineData("the view was wow")]
    [InlineData("坐飞机去北京")]
    [InlineData("微信支付可以吗")]
    [InlineData("add me to the list")]
    [InlineData("tg means thanks god")]
    public void A_messenger_name_without_an_id_is_not_a_contact(string text) => Assert.Empty(detector.Find(text));

    [Theory]
    [InlineData("mail jenny.smith@gmail.com please")]
    [InlineData("jenny at gmail dot com")]
    [InlineData("jenny(at)gmail(dot)com")]
    [InlineData("maria arroba gmail punto com")]
    [InlineData("lucky2026艾特qq点com")]
    [InlineData("hr_team＠qq.com")]
    [InlineData("juan arroba gmail")]
    public void An_email_address_plain_or_spelt_out_is_found(string text) => AssertKind(text, ContactKind.Email);

    [Theory]
    [InlineData("https://example.com/x")]
    [InlineData("t.me/freeshare")]
    [InlineData("wa.me/8613812345678")]
    [InlineData("weixin.qq.com")]
    [InlineData("bit.ly/3xYz9Q")]
    [InlineData("instagram.com/mei")]
    [InlineData("www.taobao.com")]
    [InlineData("t点me/dealsgroup")]
    [InlineData("t dot me slash dealz")]
    public void A_link_or_bare_domain_is_found(string text) => AssertKind(text, ContactKind.Link);

    [Theory]
    [InlineData("¥199 only")]
    [InlineData("$12.99")]
    [InlineData("99元")]
    [InlineData("1,299 pesos")]
    [InlineData("2026-12-04")]
    [InlineData("12/04")]
    [InlineData("12月4日")]
    [InlineData("下午3点")]
    [InlineData("订单号 20261204123456")]
    [InlineData("order 20261204123456")]
    [InlineData("pedido 20261204123456")]
    [InlineData("room r-2026")]
    [InlineData("note n_123")]
    [InlineData("we sold 35000 units in 2026")]
    [InlineData("666666666666")]
    [InlineData("1 2 3 4 5 6 7 8 9 10")]
    [InlineData("sizes 36 37 38 39 40")]
    [InlineData("192.168.100.200")]
    [InlineData("2026.12.04-2026.12.08")]
    [InlineData("that's a dot com idea")]
    [InlineData("the score 20261204")]
    public void Prices_dates_order_numbers_ids_and_counts_are_not_contacts(string text) => Assert.Empty(detector.Find(text));

    [Fact]
    public void A_seven_digit_number_is_a_phone_only_when_announced_as_one()
    {
        Assert.Empty(detector.Find("we had 5551234 views"));
        Assert.Empty(detector.Find("5551234"));
        AssertKind("call me 555 1234", ContactKind.Phone);
    }

    [Fact]
    public void Several_contacts_are_found_in_order_without_overlap()
    {
        const string text = "vx abc_123 或者 13812345678 或 a@b.com";
        var found = detector.Find(text);
        Assert.Equal([ContactKind.Messenger, ContactKind.Phone, ContactKind.Email], found.Select(m => m.Kind));
        for (var i = 1; i < found.Count; i++)
        {
            Assert.True(found[i].Span.Start >= found[i - 1].Span.End);
        }
    }

    [Theory]
    [InlineData("bring the good microphone 69080517")]
    [InlineData("our hotel 12345678 booking")]
    [InlineData("please cancel 87654321 before noon")]
    [InlineData("the excellent 24681300 result")]
    [InlineData("Best dumplings in town 00294936")]
    public void A_phone_word_inside_another_word_does_not_make_a_number_a_phone(string text) => Assert.Empty(detector.Find(text));

    [Fact]
    public void An_email_host_is_not_reported_again_as_a_link()
    {
        var match = Assert.Single(detector.Find("write to sales@my-store.io today"));
        Assert.Equal(ContactKind.Email, match.Kind);
    }

    private void AssertKind(string text, ContactKind kind)
    {
        var found = detector.Find(text);
        Assert.Contains(found, m => m.Kind == kind);
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
