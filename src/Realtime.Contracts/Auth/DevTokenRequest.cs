using Orleans;

namespace Realtime.Contracts.Auth;

/// <summary>Body of <c>POST /api/auth/dev-token</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DevTokenRequest")]
public sealed record DevTokenRequest(string? UserId, string? DisplayName, string? Language);
