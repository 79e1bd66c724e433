using System.Text.RegularExpressions;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// The expressions of the contact rules, all run over <see cref="FoldedText"/> (lower-case ASCII
/// letters, ASCII digits and punctuation) and generated at build time. None of them can backtrack
/// without bound: every repetition is bounded or separated by a fixed alternative.
/// </summary>
internal static partial class ContactPatterns
{
    /// <summary>Before a digit run: it numbers an order, a parcel, a room, a document, a code.</summary>
    [GeneratedRegex(@"(?:订单|訂單|单号|單號|快递|快遞|运单|運單|物流|编号|編號|工号|學號|学号|发票|發票|流水|交易|房间|房間|直播间|直播間|票号|票號|验证码|驗證碼|身份证|身份證|卡号|卡號|银行|銀行|型号|型號|(?<![a-z])(?:order|pedido|tracking|seguimiento|factura|invoice|ref|referencia|folio|ticket|isbn|room|sala|note|nota|código|codigo|code|account|serial|sku|model|modelo))[^0-9]{0,9}$", RegexOptions.CultureInvariant)]
    public static partial Regex NumberLabelBefore();

    /// <summary>Before a digit run: it is announced as a phone number (Latin words whole, so "microphone" or "hotel" do not count).</summary>
    [GeneratedRegex(@"(?:电话|電話|手机|手機|号码|號碼|联系|聯繫|联络|聯絡|打给|打給|打我|致电|致電|热线|熱線|座机|座機|微信|短信|简讯|簡訊|(?<![a-z])(?:phone|call|tel|text me|cell|mobile|number|número|numero|llama|llámame|llamame|móvil|movil|celular|cel|whatsapp|contact|contacto|teléfono|telefono|marca|escríbeme|escribeme))[^0-9]{0,10}$", RegexOptions.CultureInvariant)]
    public static partial Regex PhoneLabelBefore();

    /// <summary>Before a digit run: a price.</summary>
    [GeneratedRegex(@"(?:[¥￥$€£₩₹]|rmb|usd|eur|mxn|cny|precio|price|价格|價格|售价|售價|总价|總價|total|金额|金額|costs?|cuesta|vale)[\s:]{0,3}$", RegexOptions.CultureInvariant)]
    public static partial Regex PriceBefore();

    /// <summary>
    /// After a digit run: a unit, a currency or a date part makes it a quantity. Chinese units
    /// follow the number directly (<c>99元</c>) or after one space; words and symbols after up to two.
    /// </summary>
    [GeneratedRegex(@"^(?:\s?(?:元|块|塊|圆|圓|人|次|个|個|件|张|張|条|條|万|萬|亿|億|千|百|年|月|日|号|號|点|點|分(?!机|機)|秒|岁|歲|小时|小時|公里|斤|克|倍|楼|樓|层|層|室|票|份|%)|\s{0,2}(?:k\b|km|kg|mb|gb|views?|likes?|followers|seguidores|pesos|euros|dólares|dolares|dollars|usd|eur|rmb|mxn|cny|veces|personas|years|años|times|people|pts|points|puntos|€|\$|¥|￥))", RegexOptions.CultureInvariant)]
    public static partial Regex UnitAfter();

    /// <summary>
    /// A messenger or platform named together with an id, starting exactly where the search
    /// starts (<c>\G</c>): <see cref="MessengerRule"/> runs it only where
    /// <see cref="MessengerKeywords"/> found a keyword. The keyword comes first; what follows it
    /// up to the id is punctuation and a few words (<c>号</c>, <c>id</c>, <c>es</c>, <c>is</c>).
    /// ASCII keywords stand as whole words.
    /// </summary>
    [GeneratedRegex(@"\G(?:(?<![a-z0-9])(?:wechat|weixin|vx|wx|v|qq|telegram|tg|whats\s?app|whatsap|wsp|wasap|guasap|wa|line|signal|kakao|kik|snapchat|snap|instagram|insta|ig|discord|skype|facebook|fb|weibo|douyin|tiktok|add me(?: on)?|agrégame|agregame|escríbeme|escribeme|búscame|buscame)(?![a-z])|微信|威信|薇信|徽信|危信|维信|維信|v信|微x|加v|加微|加薇|加威|微|薇|扣扣|企鹅|企鵝|电报|電報|纸飞机|紙飛機|飞机|飛機|加赖|加賴|赖|賴|加我|微博|抖音|快手|小红书|小紅書)(?:[\s:=~>\-,、，]|[\u4E00-\u9FFF]|live:|id|is|es|my|mi|on|en|al){0,8}@?[a-z0-9_][a-z0-9_.\-]{2,31}", RegexOptions.CultureInvariant)]
    public static partial Regex MessengerAt();

    /// <summary>An e-mail address, plain or spelt out (<c>at</c>, <c>(at)</c>, <c>arroba</c>, <c>艾特</c>; <c>dot</c>, <c>punto</c>, <c>点</c>).</summary>
    [GeneratedRegex(@"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}\s{0,3}(?:@|[(\[{<]\s?(?:at|arroba)\s?[)\]}>]|(?<![a-z])(?:at|arroba)(?![a-z])|艾特|at符号|圈a)\s{0,3}[a-z0-9][a-z0-9\-]{0,62}(?:\s{0,3}(?:\.|[(\[{<]\s?(?:dot|punto)\s?[)\]}>]|(?<![a-z])(?:dot|punto)(?![a-z])|点|點)\s{0,3}[a-z0-9][a-z0-9\-]{0,62}){0,4}", RegexOptions.CultureInvariant)]
    public static partial Regex Email();

    /// <summary>A URL with a scheme, or starting with <c>www.</c>.</summary>
    [GeneratedRegex(@"(?:(?<![a-z])(?:https?|hxxps?|ftp)\s?:\s?//|(?<![a-z0-9.])www\.)[^\s<>""'，。！？、]{1,2000}", RegexOptions.CultureInvariant)]
    public static partial Regex Url();

    /// <summary>A bare domain such as <c>t.me/x</c> or <c>weixin.qq.com</c>, with the dot written or spelt out.</summary>
    [GeneratedRegex(@"(?<![a-z0-9@._\-])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\s?(?:\.|[(\[{<]\s?(?:dot|punto)\s?[)\]}>]|\s(?:dot|punto)\s|点|點)\s?){1,4}(?:com|net|org|cn|me|ly|io|co|gl|tv|app|link|cc|xyz|top|info|biz|shop|site|online|club|vip|es|mx|ar|cl|pe|tw|hk|uk|ru|jp|kr|de|fr|br|gg|ws|page|live|fun|store|icu|ai|im|gd|su|tk)(?![a-z0-9])(?:(?:/|\s?slash\s?)[^\s<>""'，。！？、]{0,2000})?", RegexOptions.CultureInvariant)]
    public static partial Regex Domain();
}
