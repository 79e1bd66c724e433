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
}
