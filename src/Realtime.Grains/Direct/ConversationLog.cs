using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Direct;

/// <summary>The conversation and mailbox grains' log messages.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(2601, LogLevel.Warning, "Conversation {ConversationId} could not update the mailbox of {UserId}; it retries")]
    public static partial void DeliveryFailed(ILogger logger, string conversationId, string userId, Exception exception);
}
