namespace Realtime.Hosting.RateLimiting;

/// <summary>Per-user limits (section <c>RateLimits</c>): a token bucket per user and kind.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Chat lines a user may send in a burst.</summary>
    public double ChatBurst { get; set; } = 5;

    /// <summary>Chat lines per second a user regains.</summary>
    public double ChatPerSecond { get; set; } = 1;

    /// <summary><c>Like</c> calls (each up to 100 taps) a user may make in a burst.</summary>
    public double LikeBurst { get; set; } = 20;

    /// <summary><c>Like</c> calls per second a user regains.</summary>
    public double LikePerSecond { get; set; } = 10;

    /// <summary>Comments a user may post in a burst.</summary>
    public double CommentBurst { get; set; } = 5;

    /// <summary>Comments per second a user regains.</summary>
    public double CommentPerSecond { get; set; } = 1;

    /// <summary>Direct messages a user may send in a burst.</summary>
    public double DirectBurst { get; set; } = 10;

    /// <summary>Direct messages per second a user regains.</summary>
    public double DirectPerSecond { get; set; } = 2;

    /// <summary>Reports a user may file in a burst.</summary>
    public double ReportBurst { get; set; } = 10;

    /// <summary>Reports per second a user regains.</summary>
    public double ReportPerSecond { get; set; } = 0.2;

    /// <summary>Reservations a user may make in a burst.</summary>
    public double ReserveBurst { get; set; } = 5;

    /// <summary>Reservations per second a user regains.</summary>
    public double ReservePerSecond { get; set; } = 1;

    /// <summary>Note views a user (or an anonymous connection) may record in a burst.</summary>
    public double ViewBurst { get; set; } = 10;

    /// <summary>Note views per second a user regains.</summary>
    public double ViewPerSecond { get; set; } = 2;
}
