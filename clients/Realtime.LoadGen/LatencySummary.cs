namespace Realtime.LoadGen;

/// <summary>Percentiles of a <see cref="LatencyHistogram"/>, in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double Mean, double P50, double P95, double P99, double P999, double Max);
