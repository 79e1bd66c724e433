namespace Realtime.Hosting.Auth;

/// <summary>The claims a Realtime token carries.</summary>
public static class RealtimeClaims
{
    public const string UserId = "sub";
    public const string DisplayName = "name";
    public const string Language = "lang";

    /// <summary>"true" on a verified business's token.</summary>
    public const string Business = "business";
}
