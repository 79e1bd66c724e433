namespace Realtime.Contracts.Errors;

/// <summary>The codes that start every hub error message (<c>code: detail</c>) and REST problem.</summary>
public static class ErrorCodes
{
    public const string Invalid = "invalid";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string SlowMode = "slow_mode";
    public const string Banned = "banned";
    public const string Conflict = "conflict";
    public const string Unavailable = "unavailable";

    /// <summary>A direct message gives contact details (phone, messenger id, e-mail, link) the channel does not allow.</summary>
    public const string ContactBlocked = "contact_blocked";

    /// <summary>The text contains a term an admin blocked.</summary>
    public const string BlockedTerm = "blocked_term";

    /// <summary>The recipient blocked the sender; nothing was stored.</summary>
    public const string Blocked = "blocked";

    /// <summary>Not enough units of the product are left; nothing was reserved.</summary>
    public const string SoldOut = "sold_out";
}
