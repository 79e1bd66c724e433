using Orleans;

namespace Realtime.Grains.Rooms;

/// <summary>
/// A viewer joins: the silo's new local viewer count and readers per language, where the viewer
/// resumes from and the language it reads (its snapshot carries cached translations).
/// <paramref name="ReportVersion"/> orders a silo's reports (0: unordered); an older one is ignored.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.JoinRoomCommand")]
public sealed record JoinRoomCommand(string SiloId, int SiloViewers, long? SinceSeq, string? ReaderLanguage, IReadOnlyDictionary<string, int>? Languages = null, long ReportVersion = 0);
