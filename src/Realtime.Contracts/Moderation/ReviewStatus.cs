namespace Realtime.Contracts.Moderation;

/// <summary>Where a review entry stands.</summary>
public static class ReviewStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
