using Orleans;

namespace Realtime.Contracts.Moderation;

/// <summary>The answer of <c>Report</c>: the queue entry that now holds the report.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReportAck")]
public sealed record ReportAck(string Id);
