namespace Realtime.LoadGen;

/// <summary>
/// The figures of one <c>idle</c> run. Memory is the server's resident set (VmRSS) and its
/// anonymous part (RssAnon: GC heap, native heaps, stacks), read from <c>/proc</c>; "per
/// connection" divides the growth from just before the connections opened to the end of the hold
/// by the connections open at the end.
/// </summary>
internal sealed record IdleResult(
    string Scenario,
    string Server,
    string Target,
    string Join,
    int Connections,
    int Opened,
    int Joined,
    int OpenAtEnd,
    int WarmupConnections,
    double ConnectSeconds,
    double ConnectsPerSecond,
    double HoldSeconds,
    double? RssBeforeMiB,
    double? RssAfterConnectMiB,
    double? RssEndMiB,
    double? PeakRssMiB,
    double? RssDeltaMiB,
    double? KiBPerConnection,
    double? RssAnonBeforeMiB,
    double? RssAnonEndMiB,
    double? AnonKiBPerConnection,
    long? ThreadsBefore,
    long? ThreadsEnd,
    int? OpenFilesBefore,
    int? OpenFilesEnd,
    long? ServerOpenFilesLimit,
    long? LoadGenOpenFilesLimit,
    double? SiloCpuSecondsConnecting,
    double? SiloCpuMsPerConnect,
    double? SiloCpuSecondsHold,
    double? SiloCpuPercentOfOneCoreHold,
    double? SiloCpuMicrosecondsPerConnectionSecond,
    long EventsDuringHold,
    double? LoadGenRssDeltaMiB,
    double? LoadGenKiBPerConnection,
    long Errors,
    SortedDictionary<string, long> ErrorsByKind,
    double? MachineBusyPercent,
    double? LoadAverageAtStart,
    double? LoadAverageAtEnd);
