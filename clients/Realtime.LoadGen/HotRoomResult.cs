namespace Realtime.LoadGen;

/// <summary>The figures of one <c>hot-room</c> run; rates are per second of the measured window.</summary>
internal sealed record HotRoomResult(
    string Scenario,
    string Target,
    int Viewers,
    int ViewersJoined,
    int Senders,
    double Rate,
    double MeasuredSeconds,
    double ConnectSeconds,
    long MessagesSent,
    double SendRate,
    long Deliveries,
    double DeliveriesPerSecond,
    double ExpectedDeliveriesPerSecond,
    LatencySummary EndToEndLatencyMs,
    LatencySummary SendAckLatencyMs,
    long MessagesAckedTotal,
    long MissingDeliveries,
    long Errors,
    SortedDictionary<string, long> ErrorsByKind,
    double? SiloCpuSeconds,
    double? SiloCpuSecondsPer1000Deliveries,
    double? SiloCpuPercentOfOneCore,
    double? SiloRssMiB,
    double? SiloPeakRssMiB,
    double? LoadGenCpuSeconds);
