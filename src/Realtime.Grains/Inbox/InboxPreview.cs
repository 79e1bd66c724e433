using Realtime.Contracts.Inbox;

namespace Realtime.Grains.Inbox;

/// <summary>The one line an inbox item shows.</summary>
internal static class InboxPreview
{
    private const int QuoteLength = 80;

    public static string For(string kind, string actorName, string text, long count = 1)
    {
        var who = count <= 1 ? actorName : $"{actorName} and {count - 1} {(count == 2 ? "other" : "others")}";
        return kind switch
        {
            InboxKinds.Comment => $"{actorName} commented on your note: {Quote(text)}",
            InboxKinds.Reply => $"{actorName} replied to your comment: {Quote(text)}",
            InboxKinds.Mention => $"{actorName} mentioned you: {Quote(text)}",
            InboxKinds.NoteLike => $"{who} liked your note",
            InboxKinds.CommentLike => $"{who} liked your comment",
            InboxKinds.Collect => $"{who} collected your note",
            _ => $"{actorName}: {Quote(text)}",
        };
    }

    private static string Quote(string text)
    {
        if (text.Length <= QuoteLength)
        {
            return text;
        }

        var cut = QuoteLength;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
