using Realtime.Contracts.Inbox;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Inbox;

namespace Realtime.Hosting.Hubs;

/// <summary>The caller's own inbox; there is no way to name another user's.</summary>
public sealed partial class LiveHub
{
    /// <summary>Items after <paramref name="sinceSeq"/> (the latest <paramref name="limit"/> when null), ascending.</summary>
    public Task<InboxPage> GetInbox(long? sinceSeq, int limit)
    {
        var caller = HubInput.RequireCaller(Context);
        if (sinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        if (limit is < 1 or > Limits.InboxPageMax)
        {
            throw RealtimeException.Invalid($"limit must be 1-{Limits.InboxPageMax}");
        }

        return grains.GetGrain<IInboxGrain>(caller.UserId).GetAsync(sinceSeq, limit, Context.ConnectionAborted);
    }

    /// <summary>Marks items up to <paramref name="upToSeq"/> read; the user's other connections get <c>inboxUnread</c>.</summary>
    public Task<InboxUnread> MarkInboxRead(long upToSeq)
    {
        var caller = HubInput.RequireCaller(Context);
        if (upToSeq < 0)
        {
            throw RealtimeException.Invalid("upToSeq must not be negative");
        }

        return grains.GetGrain<IInboxGrain>(caller.UserId).MarkReadAsync(upToSeq, Context.ConnectionAborted);
    }
}
