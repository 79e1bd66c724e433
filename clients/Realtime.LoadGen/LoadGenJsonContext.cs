using System.Text.Json.Serialization;
using Realtime.Contracts.Rooms;

namespace Realtime.LoadGen;

/// <summary>Serializer metadata: the <c>--json</c> output (camelCase, one line) and the REST answers read here.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HotRoomResult))]
[JsonSerializable(typeof(LikeStormResult))]
[JsonSerializable(typeof(CommentsResult))]
[JsonSerializable(typeof(TranslationResult))]
[JsonSerializable(typeof(IdleResult))]
[JsonSerializable(typeof(FlashSaleResult))]
[JsonSerializable(typeof(TopicSurgeResult))]
[JsonSerializable(typeof(Comparison<HotRoomResult>))]
[JsonSerializable(typeof(Comparison<IdleResult>))]
[JsonSerializable(typeof(RoomSummary))]
internal sealed partial class LoadGenJsonContext : JsonSerializerContext;
