namespace Realtime.Grains.Rooms;

/// <summary>A viewer joins: the silo's new local viewer count and where the viewer resumes from.</summary>
public sealed record JoinRoomCommand(string SiloId, int SiloViewers, long? SinceSeq, string? ReaderLanguage);
