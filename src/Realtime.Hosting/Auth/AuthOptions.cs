namespace Realtime.Hosting.Auth;

/// <summary>Authentication settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>When true, <c>POST /api/auth/dev-token</c> issues tokens to anyone.</summary>
    public bool DevTokens { get; set; } = true;

    /// <summary>HMAC key for tokens (at least 32 bytes); generated per data folder when unset.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer and audience written into and required of tokens.</summary>
    public string Issuer { get; set; } = "realtime";

    /// <summary>Lifetime of a dev token.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Comma-separated user ids of operators: only they open <c>/dashboard</c>.</summary>
    public string? Admins { get; set; }

    /// <summary>The ids in <see cref="Admins"/>.</summary>
    public IReadOnlySet<string> AdminIds =>
        (Admins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Comma-separated user ids of verified businesses (as is a token's <c>business</c> claim).</summary>
    public string? Businesses { get; set; }

    /// <summary>The ids in <see cref="Businesses"/>.</summary>
    public IReadOnlySet<string> BusinessIds =>
        (Businesses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
