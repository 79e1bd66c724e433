using Orleans;
using Realtime.Contracts.Moderation;

namespace Realtime.Grains.Moderation;

/// <summary>An item for the review queue: held by a term, or reported by a user (<paramref name="Report"/>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReviewSubmission")]
public sealed record ReviewSubmission(
    string Kind,
    string TargetId,
    string AuthorId,
    string Text,
    string? Language,
    IReadOnlyList<string> Reasons,
    ReportEntry? Report,
    bool Held);
