namespace Realtime.LoadGen;

/// <summary>The figures of one <c>flash-sale</c> run.</summary>
internal sealed record FlashSaleResult(
    string Scenario,
    string Target,
    int Viewers,
    int ViewersJoined,
    int Stock,
    long OrdersAcknowledged,
    long SoldOutAnswers,
    long OrdersListed,
    long DuplicateOrders,
    int RemainingAfter,
    bool Exact,
    double TapSeconds,
    LatencySummary OrderAckMs,
    LatencySummary SoldOutAckMs,
    long Errors,
    SortedDictionary<string, long> ErrorsByKind,
    double? SiloCpuSeconds,
    double? LoadGenCpuSeconds);
