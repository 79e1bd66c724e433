namespace Realtime.Contracts.Rooms;

/// <summary>The <c>chatTranslated</c> event, sent only to readers of <paramref name="Language"/>.</summary>
public sealed record ChatTranslated(string RoomId, long Seq, string Language, string Text);
