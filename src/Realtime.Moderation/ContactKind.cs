namespace Realtime.Moderation;

/// <summary>The kind of contact detail found in a text.</summary>
public enum ContactKind
{
    /// <summary>A phone number, in any script of digits.</summary>
    Phone,

    /// <summary>A messenger (WeChat, QQ, Telegram, WhatsApp, Line...) named together with an id.</summary>
    Messenger,

    /// <summary>An e-mail address, written plainly or spelt out (<c>name at gmail dot com</c>).</summary>
    Email,

    /// <summary>A link or bare domain of another site.</summary>
    Link,
}
