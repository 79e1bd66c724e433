namespace Realtime.Contracts.Hashtags;

/// <summary>The sliding windows a trending list ranks over.</summary>
public static class TrendingWindows
{
    public const string Hour = "1h";
    public const string Day = "24h";

    /// <summary>How many topics a list holds at most.</summary>
    public const int ListSize = 20;

    public static IReadOnlyList<string> All { get; } = [Hour, Day];

    /// <summary>True for <c>1h</c> and <c>24h</c> (case-sensitive).</summary>
    public static bool IsKnown(string? window) => window is Hour or Day;
}
