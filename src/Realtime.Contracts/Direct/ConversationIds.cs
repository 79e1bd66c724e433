using Realtime.Contracts.Validation;

namespace Realtime.Contracts.Direct;

/// <summary>
/// A conversation's id is derived from its two participants, in ordinal order, so either of them
/// names the same conversation: <c>ann.bob</c>. User ids cannot contain the dot.
/// </summary>
public static class ConversationIds
{
    private const char Separator = '.';

    /// <summary>The conversation of <paramref name="a"/> and <paramref name="b"/> (two different, valid user ids).</summary>
    public static string For(string a, string b) =>
        string.CompareOrdinal(a, b) < 0 ? a + Separator + b : b + Separator + a;

    /// <summary>The two participants of a well-formed id (two different valid user ids, in order); false otherwise.</summary>
    public static bool TryParse(string? conversationId, out string first, out string second)
    {
        first = second = "";
        if (conversationId is null || conversationId.Length > 2 * Limits.IdMaxLength + 1)
        {
            return false;
        }

        var dot = conversationId.IndexOf(Separator);
        if (dot < 0)
        {
            return false;
        }

        var a = conversationId[..dot];
        var b = conversationId[(dot + 1)..];
        if (!ContractRules.IsValidId(a) || !ContractRules.IsValidId(b) || string.CompareOrdinal(a, b) >= 0)
        {
            return false;
        }

        (first, second) = (a, b);
        return true;
    }

    /// <summary>The participant of <paramref name="conversationId"/> who is not <paramref name="userId"/>; null when <paramref name="userId"/> is not in it.</summary>
    public static string? OtherOf(string conversationId, string userId) =>
        !TryParse(conversationId, out var a, out var b) ? null : a == userId ? b : b == userId ? a : null;
}
