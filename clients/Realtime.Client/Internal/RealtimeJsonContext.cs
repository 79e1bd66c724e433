using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Contracts.Auth;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Inbox;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Rooms;

namespace Realtime.Client.Internal;

/// <summary>Compile-time serialization metadata for the contract shapes the client reads and writes most.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RoomSnapshot))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ChatAck))]
[JsonSerializable(typeof(ChatTranslated))]
[JsonSerializable(typeof(ChatDeleted))]
[JsonSerializable(typeof(ChatPinned))]
[JsonSerializable(typeof(RoomCounters))]
[JsonSerializable(typeof(RoomSettings))]
[JsonSerializable(typeof(RoomSummary))]
[JsonSerializable(typeof(List<RoomSummary>))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(CreateNoteRequest))]
[JsonSerializable(typeof(NoteSnapshot))]
[JsonSerializable(typeof(Comment))]
[JsonSerializable(typeof(CommentAck))]
[JsonSerializable(typeof(NoteCounters))]
[JsonSerializable(typeof(CommentCounters))]
[JsonSerializable(typeof(CommentTranslated))]
[JsonSerializable(typeof(InboxItem))]
[JsonSerializable(typeof(InboxPage))]
[JsonSerializable(typeof(InboxUnread))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext
{
    /// <summary>Web defaults (camelCase) with this context first and reflection for every other type.</summary>
    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };
}
