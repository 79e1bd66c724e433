namespace Realtime.Contracts.Auth;

/// <summary>Body of <c>POST /api/auth/dev-token</c>.</summary>
public sealed record DevTokenRequest(string? UserId, string? DisplayName, string? Language);
