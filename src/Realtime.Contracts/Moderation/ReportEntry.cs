using Orleans;

namespace Realtime.Contracts.Moderation;

/// <summary>One user's report of an item.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReportEntry")]
public sealed record ReportEntry(string ReporterId, string Reason, DateTimeOffset At);
