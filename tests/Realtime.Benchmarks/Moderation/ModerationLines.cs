using Realtime.Contracts.Moderation;
using Realtime.Moderation;

namespace Realtime.Benchmarks.Moderation;

/// <summary>Chat lines of 200 characters, with and without contact details, for the moderation benchmarks.</summary>
public static class ModerationLines
{
    /// <summary>The length every line is padded or cut to.</summary>
    public const int Length = 200;

    /// <summary>Lines without contact details, with the prices, dates and counts that look like them.</summary>
    public static readonly string[] Clean =
    [
        Fit("今天直播间的外套只要¥199，两件包邮，订单号 20261204123456 的朋友请耐心等待，12月4日下午3点还有一场，库存 1200 件，欢迎大家来看看，主播会一件一件试穿给大家看，"),
        Fit("What a great show tonight! The jacket was $129.99 and I ordered two, order #20261204123456 ships on 2026-12-04, the line at the store was long but the view was wow. "),
        Fit("¡Qué directo tan bueno! La chaqueta cuesta 1,299 pesos, el pedido 20261204123456 llega el 04/12/2026 a las 15:00, somos 32 en el grupo y vendimos 35.000 unidades. "),
        Fit("這件外套只要 NT$590，訂單編號 20261204098765 還沒出貨，12月4日下午3點見，觀看人數 56000 人，微笑面對每一天，坐飛機去台北要兩個小時，謝謝主播的分享，"),
    ];

    /// <summary>Lines with a contact detail somewhere in them.</summary>
    public static readonly string[] WithContacts =
    [
        Fit("今天直播间的外套只要¥199，两件包邮，想要更便宜的私聊加微 xiaomei888 或者打 一三八 1234 五六七八，12月4日下午3点还有一场，库存 1200 件，欢迎大家来看看，"),
        Fit("What a great show tonight! The jacket was $129.99, DM me for the wholesale price: call (555) 123-4567 or email jenny at gmail dot com, see you on 2026-12-04. "),
        Fit("¡Qué directo tan bueno! La chaqueta cuesta 1,299 pesos, para precio de mayoreo escríbeme al wasap +52 55 1234 5678 o entra a t.me/ofertasmx, llega el 04/12/2026. "),
        Fit("這件外套只要 NT$590，想團購的加賴 ID：mei_tw88 或打 ０９１２－３４５－６７８，也可以寄信到 chen.tw@yahoo.com.tw，謝謝主播的分享，"),
    ];

    /// <summary>A moderator with a thousand mask terms, half English, half Chinese.</summary>
    public static ContentModerator Moderator()
    {
        var moderator = new ContentModerator(new TextNormalizer(OpenCcChineseSimplifier.TryCreate(out _)));
        var terms = Enumerable.Range(0, 1000)
            .Select(i => new ModerationTerm(i % 2 == 0 ? "en" : "zh-Hans", i % 2 == 0 ? $"badword{i}x" : $"违禁{i}词", TermActions.Mask))
            .ToList();
        moderator.UseTerms(new ModerationTermList(terms, 1));
        return moderator;
    }

    private static string Fit(string line)
    {
        var text = line;
        while (text.Length < Length)
        {
            text += " " + line;
        }

        return text[..Length];
    }
}
