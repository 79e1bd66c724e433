namespace Realtime.Hosting.Rest;

/// <summary>Body of <c>PUT /api/glossary/keep</c>.</summary>
public sealed record KeptTermRequest(string? Term, string? Note);
