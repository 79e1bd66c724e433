using Realtime.Contracts.Direct;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Direct;
using Realtime.Hosting.Moderation;
using Realtime.Hosting.RateLimiting;

namespace Realtime.Hosting.Hubs;

/// <summary>Private conversations between two users; a caller reaches only the conversations it is part of.</summary>
public sealed partial class LiveHub
{
    /// <summary>Sends a private message to <paramref name="toUserId"/>; answered once it is durable.</summary>
    public async Task<DirectAck> SendDirectMessage(string toUserId, string clientMessageId, string text)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(toUserId, nameof(toUserId));
        HubInput.RequireId(clientMessageId, nameof(clientMessageId));
        if (toUserId == caller.UserId)
        {
            throw RealtimeException.Invalid("you cannot write to yourself");
        }

        var normalized = ContractRules.NormalizeText(text, 1, Limits.DirectTextMax)
            ?? throw RealtimeException.Invalid($"text must be 1-{Limits.DirectTextMax} characters");
        var verdict = moderation.CheckDirectMessage(normalized, roles.IsBusiness(Context.User, caller.UserId));
        if (!await users.ExistsAsync(toUserId, Context.ConnectionAborted))
        {
            throw RealtimeException.NotFound($"no user {toUserId}");
        }

        var overLimit = !limiter.TryAcquire(caller.UserId, RateLimitKind.DirectMessage);
        var conversationId = ConversationIds.For(caller.UserId, toUserId);
        var command = new SendDirectCommand(
            caller.UserId, caller.DisplayName, clientMessageId, verdict.Text, State.Language ?? caller.Language,
            verdict.Masked, verdict.Held, verdict.GivesContacts, overLimit);
        var ack = await grains.GetGrain<IConversationGrain>(conversationId).SendAsync(command, Context.ConnectionAborted);
        if (ack.Held)
        {
            // Also on a duplicate: a retry completes a hold whose queue entry failed the first time. Not
            // cancelled with the connection: the item is stored already and must reach the queue.
            await moderation.HoldAsync(ModerationTarget.DirectMessage(conversationId, ack.Seq), caller.UserId, verdict.Text, command.Language, verdict.Reasons, CancellationToken.None);
        }

        return ack;
    }

    /// <summary>The caller's conversations, latest first, with unread counts and the last message.</summary>
    public Task<IReadOnlyList<ConversationSummary>> GetConversations(int limit)
    {
        var caller = HubInput.RequireCaller(Context);
        if (limit is < 1 or > Limits.ConversationsPageMax)
        {
            throw RealtimeException.Invalid($"limit must be 1-{Limits.ConversationsPageMax}");
        }

        return grains.GetGrain<IDirectMailboxGrain>(caller.UserId).ListAsync(limit, Context.ConnectionAborted);
    }

    /// <summary>Messages of one of the caller's conversations after <paramref name="sinceSeq"/> (the latest when null), ascending.</summary>
    public Task<DirectMessagePage> GetDirectMessages(string conversationId, long? sinceSeq, int limit)
    {
        var caller = RequireParticipant(conversationId);
        if (sinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        if (limit is < 1 or > Limits.DirectPageMax)
        {
            throw RealtimeException.Invalid($"limit must be 1-{Limits.DirectPageMax}");
        }

        return grains.GetGrain<IConversationGrain>(conversationId)
            .ReadAsync(caller.UserId, sinceSeq, limit, State.Language ?? caller.Language, Context.ConnectionAborted);
    }

    /// <summary>Marks the caller's messages up to <paramref name="seq"/> read; the caller's connections get <c>directUnread</c>.</summary>
    public async Task<ConversationRead> MarkConversationRead(string conversationId, long seq)
    {
        var caller = RequireParticipant(conversationId);
        if (seq < 0)
        {
            throw RealtimeException.Invalid("seq must not be negative");
        }

        var update = await grains.GetGrain<IConversationGrain>(conversationId).MarkReadAsync(caller.UserId, seq, Context.ConnectionAborted);
        var total = await grains.GetGrain<IDirectMailboxGrain>(caller.UserId).ApplyAsync([update], Context.ConnectionAborted);
        return new ConversationRead(conversationId, update.ReadUpTo, update.Unread, total);
    }

    /// <summary>Refuses every later message from <paramref name="userId"/> to the caller (<c>blocked:</c>).</summary>
    public Task BlockUser(string userId) => SetBlockedAsync(userId, true);

    /// <summary>Takes messages from <paramref name="userId"/> again.</summary>
    public Task UnblockUser(string userId) => SetBlockedAsync(userId, false);

    private Task SetBlockedAsync(string userId, bool blocked)
    {
        var caller = HubInput.RequireCaller(Context);
        HubInput.RequireId(userId, nameof(userId));
        if (userId == caller.UserId)
        {
            throw RealtimeException.Invalid("you cannot block yourself");
        }

        return grains.GetGrain<IConversationGrain>(ConversationIds.For(caller.UserId, userId)).SetBlockedAsync(caller.UserId, blocked, Context.ConnectionAborted);
    }

    private Caller RequireParticipant(string conversationId)
    {
        var caller = HubInput.RequireCaller(Context);
        if (!ConversationIds.TryParse(conversationId, out _, out _))
        {
            throw RealtimeException.Invalid("conversationId must name two users, as in ann.bob");
        }

        return ConversationIds.OtherOf(conversationId, caller.UserId) is null
            ? throw RealtimeException.Forbidden("only the two participants may read a conversation")
            : caller;
    }
}
