using Orleans;
using Realtime.Contracts.Moderation;

namespace Realtime.Grains.Moderation;

/// <summary>The platform's review queue (one grain, key <see cref="ModerationQueueGrain.Key"/>): held and reported items, and every decision with who took it and when.</summary>
[Alias("realtime.IModerationQueueGrain")]
public interface IModerationQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry, or merges into the pending entry of the same target (one report per reporter).</summary>
    [Alias("Submit")]
    Task<ReviewItem> SubmitAsync(ReviewSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Pending entries oldest first, or decided ones latest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ReviewItem>> ListAsync(bool decided, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves a pending entry for <paramref name="moderatorId"/>'s decision for a short while, so
    /// two moderators cannot both act on it; <c>conflict:</c> when it is decided or reserved by another.
    /// </summary>
    [Alias("Claim")]
    Task<ReviewItem> ClaimAsync(string id, string moderatorId, CancellationToken cancellationToken = default);

    /// <summary>Records a decision on a pending entry (<c>conflict:</c> when it was decided already or another moderator holds it).</summary>
    [Alias("Decide")]
    Task<ReviewItem> DecideAsync(string id, bool approve, string moderatorId, CancellationToken cancellationToken = default);
}
