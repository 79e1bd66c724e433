using Orleans;

namespace Realtime.Contracts.Errors;

/// <summary>The problem document REST answers with on bad input: <c>{"code":"invalid","detail":...}</c>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ProblemBody")]
public sealed record ProblemBody(string Code, string Detail);
