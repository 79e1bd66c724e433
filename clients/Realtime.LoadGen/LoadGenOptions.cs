namespace Realtime.LoadGen;

/// <summary>What one run of the load generator does; filled by <see cref="OptionsParser"/>.</summary>
internal sealed class LoadGenOptions
{
    /// <summary>The scenario: <c>hot-room</c> or <c>like-storm</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary>Viewer connections that join the room.</summary>
    public int Viewers { get; init; } = 200;

    /// <summary>hot-room: chat lines per second, all senders together.</summary>
    public double Rate { get; init; } = 20;

    /// <summary>hot-room: sender connections (each with its own user).</summary>
    public int Senders { get; init; } = 2;

    /// <summary>like-storm: taps per second per viewer.</summary>
    public double Taps { get; init; } = 5;

    /// <summary>Measured seconds (after the warm-up).</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>
    /// Seconds of load before measuring starts. Default: 6 for a silo the tool starts (its JIT
    /// tiering settles about 5 s into the load on a 2-core machine), 2 with <see cref="Target"/>.
    /// </summary>
    public double WarmupSeconds => WarmupOverride ?? (Target is null ? 6 : 2);

    /// <summary>The <c>--warmup</c> given on the command line, if any.</summary>
    public double? WarmupOverride { get; init; }

    /// <summary>Characters per chat line (the timestamp plus padding).</summary>
    public int TextLength { get; init; } = 40;

    /// <summary>Connections opened at the same time while ramping up.</summary>
    public int ConnectParallelism { get; init; } = 32;

    /// <summary>A running silo (<c>http://host:port</c>); null starts one.</summary>
    public Uri? Target { get; init; }

    /// <summary>The pid of the silo at <see cref="Target"/>, for CPU and memory figures.</summary>
    public int? SiloPid { get; init; }

    /// <summary>Print one JSON object of the results on stdout.</summary>
    public bool Json { get; init; }
}
