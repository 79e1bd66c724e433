namespace Realtime.LoadGen;

/// <summary>What one run of the load generator does; filled by <see cref="OptionsParser"/>.</summary>
internal sealed class LoadGenOptions
{
    /// <summary>The scenario: <c>hot-room</c>, <c>like-storm</c>, <c>comments</c>, <c>translation</c> or <c>idle</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary>Viewer connections that join the room.</summary>
    public int Viewers { get; init; } = 200;

    /// <summary>
    /// hot-room and translation: chat lines per second, all senders together; comments: comments
    /// per second, all commenters together.
    /// </summary>
    public double Rate { get; init; } = 20;

    /// <summary>hot-room: sender connections (each with its own user).</summary>
    public int Senders { get; init; } = 2;

    /// <summary>like-storm: taps per second per viewer.</summary>
    public double Taps { get; init; } = 5;

    /// <summary>comments: notes, each with its author connected.</summary>
    public int Notes { get; init; } = 5;

    /// <summary>Units of the product in a flash sale.</summary>
    public int Stock { get; init; } = 100;

    /// <summary>topic-surge: notes into the surging topic.</summary>
    public int SurgeNotes { get; init; } = 75_000;

    /// <summary>topic-surge: notes into the other topics, spread evenly.</summary>
    public int OtherNotes { get; init; } = 30_000;

    /// <summary>topic-surge: how many other topics.</summary>
    public int OtherTopics { get; init; } = 5;

    /// <summary>topic-surge: authors, posting in turn.</summary>
    public int Authors { get; init; } = 1_000;

    /// <summary>topic-surge: views recorded of accepted notes.</summary>
    public int Views { get; init; } = 100_000;

    /// <summary>comments: commenter connections (each with its own user); topic-surge: note requests in flight.</summary>
    public int Users { get; init; } = 50;

    /// <summary>translation: the languages viewers read, assigned round-robin.</summary>
    public IReadOnlyList<string> Languages { get; init; } = ["en", "es", "zh-Hant"];

    /// <summary>Measured seconds (after the warm-up).</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>
    /// Seconds of load before measuring starts. Default: 6 for a silo the tool starts (its JIT
    /// tiering settles about 5 s into the load on a 2-core machine), 12 for <c>comments</c> (at 100
    /// comments/s the silo's CPU only settles about 10 s in), 2 with <see cref="Target"/>.
    /// </summary>
    public double WarmupSeconds => WarmupOverride ?? (Scenario == "idle" ? 3 : Target is not null ? 2 : Scenario == "comments" ? 12 : 6);

    /// <summary>The <c>--warmup</c> given on the command line, if any.</summary>
    public double? WarmupOverride { get; init; }

    /// <summary>Characters per chat line (the timestamp plus padding).</summary>
    public int TextLength { get; init; } = 40;

    /// <summary>Connections opened at the same time while ramping up.</summary>
    public int ConnectParallelism { get; init; } = 32;

    /// <summary>A running silo (<c>http://host:port</c>); null starts one.</summary>
    public Uri? Target { get; init; }

    /// <summary>comments: another silo of the same cluster that the note authors connect to; null: <see cref="Target"/>.</summary>
    public Uri? AuthorTarget { get; init; }

    /// <summary>The pid of the silo at <see cref="Target"/>, for CPU and memory figures.</summary>
    public int? SiloPid { get; init; }

    /// <summary>
    /// The silo the tool starts, when not the repository's own build: for measuring a build of a
    /// known commit (for example one exported with <c>git archive</c> and built elsewhere) while the
    /// working tree changes.
    /// </summary>
    public string? SiloDll { get; init; }

    /// <summary>Extra environment for a silo the tool starts (<c>--silo-env "A=1;B=2"</c>), for experiments.</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Print one JSON object of the results on stdout.</summary>
    public bool Json { get; init; }

    /// <summary>
    /// hot-room and idle: run the scenario against our silo and then, with the same parameters,
    /// against the plain-SignalR baseline (<c>clients/Realtime.Baseline</c>), each started fresh by
    /// the tool; print both and their ratios.
    /// </summary>
    public bool Compare { get; init; }

    /// <summary>With <see cref="Compare"/>: run the baseline first (to see whether the order matters).</summary>
    public bool BaselineFirst { get; init; }

    /// <summary>idle: what each connection joins, <c>room</c> (one room, all of them) or <c>none</c>.</summary>
    public string Join { get; init; } = "room";
}
