namespace Realtime.Contracts.Auth;

/// <summary>Answer of <c>POST /api/auth/dev-token</c>.</summary>
public sealed record DevTokenResponse(string Token);
