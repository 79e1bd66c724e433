using Orleans;
using Realtime.Contracts.Rooms;

namespace Realtime.Contracts.Moderation;

/// <summary>An entry of the moderators' review queue: a held item or a reported one.</summary>
/// <param name="Id">The entry's id in the queue.</param>
/// <param name="Kind">One of <see cref="ReviewKinds"/>.</param>
/// <param name="TargetId">What it is about (see <see cref="ReviewKinds"/> for the formats).</param>
/// <param name="AuthorId">Who wrote the item (the reported user for <c>user</c>).</param>
/// <param name="Text">The item as written (a user's display name for <c>user</c>).</param>
/// <param name="Language">The text's source language, when known.</param>
/// <param name="Reasons">Why it is here, e.g. <c>term:xyz</c>, <c>report</c>.</param>
/// <param name="Reports">Who reported it and why, oldest first.</param>
/// <param name="Held">True: held back by a review term (approve releases it, reject drops it); false: reported (approve keeps it, reject removes it).</param>
/// <param name="Status">One of <see cref="ReviewStatus"/>.</param>
/// <param name="DecidedBy">The moderator who decided; null while pending.</param>
/// <param name="DecidedAt">When it was decided; null while pending.</param>
/// <param name="Translation">The text in the moderator's language, where a provider serves the pair; else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("realtime.ReviewItem")]
public sealed record ReviewItem(
    string Id,
    string Kind,
    string TargetId,
    string AuthorId,
    string Text,
    string? Language,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ReportEntry> Reports,
    bool Held,
    DateTimeOffset CreatedAt,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    Translation? Translation);
