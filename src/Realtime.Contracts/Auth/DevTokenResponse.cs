using Orleans;

namespace Realtime.Contracts.Auth;

/// <summary>Answer of <c>POST /api/auth/dev-token</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.DevTokenResponse")]
public sealed record DevTokenResponse(string Token);
