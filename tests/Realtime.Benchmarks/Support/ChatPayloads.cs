using System.Text;
using Realtime.Contracts.Rooms;

namespace Realtime.Benchmarks.Support;

/// <summary>Chat lines like the ones a room publishes.</summary>
public static class ChatPayloads
{
    private const string Latin = "the pasta needs more salt and a little more time in the pan before the sauce goes in ";
    private const string Cjk = "这个面条还需要多一点盐再煮一会儿然后再放酱汁好吃哈哈哈";

    /// <summary>A line of <paramref name="length"/> characters in Latin or Chinese script.</summary>
    public static string Text(int length, string script = "latin")
    {
        var source = script == "cjk" ? Cjk : Latin;
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(source, 0, Math.Min(source.Length, length - text.Length));
        }

        return text.ToString();
    }

    /// <summary>The <c>chat</c> event payload for line <paramref name="seq"/> of room r1.</summary>
    public static ChatMessage Message(long seq, string text) => new(
        "r1",
        seq,
        $"m{seq:D8}",
        "u123",
        "Ann",
        text,
        "en",
        null,
        new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(seq),
        null);
}
