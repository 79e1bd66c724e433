using System.Globalization;

namespace Realtime.LoadGen;

/// <summary>Parses the command line: a scenario name followed by <c>--name value</c> options.</summary>
internal static class OptionsParser
{
    public const string Usage = """
        Realtime load generator

        usage: Realtime.LoadGen <scenario> [options]

        scenarios:
          hot-room     one room, N viewers, S senders sending R lines/s in total; end-to-end latency
          like-storm   one room, N signed-in viewers tapping T likes/s each (batched every 100 ms)
          comments     K notes with their authors connected, U commenters posting R comments/s in
                       total; comment -> notification latency at the author, exactly-once check
          translation  one room, N viewers reading a mix of languages, a built-in multilingual chat
                       replayed at R lines/s; provider requests and characters against a naive
                       per-viewer translator, cache hits, original -> translation delay
          idle         N anonymous connections that join one room (or nothing) and stay idle;
                       silo RSS before and after, KB per connection, CPU while idle
          flash-sale   one room with a pinned product of S units, N signed-in viewers each
                       tapping Buy once within one second; exact orders, none twice, ack latency
          topic-surge  a hashtag surge replayed in compressed time: S notes into one topic, O into
                       T others, V views; notes/s accepted, exact final counts, trending lag

        options:
          --viewers N               viewer connections (default 200; flash-sale 5,000); idle: idle connections
          --stock S                 flash-sale: units of the product (default 100)
          --surge S                 topic-surge: notes into the surging topic (default 75,000)
          --others O                topic-surge: notes into the other topics (default 30,000)
          --topics T                topic-surge: other topics (default 5)
          --authors A               topic-surge: authors posting in turn (default 1,000)
          --views V                 topic-surge: views recorded of accepted notes (default 100,000)
          --rate R                  hot-room: chat lines/s, all senders together (default 20)
                                    comments: comments/s, all commenters together (default 100)
                                    translation: replayed chat lines/s (default 15)
          --senders S               hot-room: sender connections (default 2)
          --taps T                  like-storm: taps per second per viewer (default 5)
          --notes K                 comments: notes, one connected author each (default 5)
          --users U                 comments: commenter connections (default 50);
                                    topic-surge: note requests in flight (default 64)
          --languages L1,L2,...     translation: languages the viewers read, round-robin
                                    (default en,es,zh-Hant)
          --duration SECONDS        measured time after the warm-up (default 10; translation 20,
                                    which replays the built-in chat of 300 lines once at 15 lines/s);
                                    idle: how long the connections are held open
          --warmup SECONDS          load before measuring (default 6 with a silo the tool starts,
                                    so JIT tiering has settled, 12 for comments; 2 with --target);
                                    idle: the pause after the warm-up connections closed and again
                                    after the N connections opened, before the hold (default 3)
          --join room|none          idle: join one room (default) or nothing
          --text-length N           characters per chat line or comment (default 40)
          --connect-parallelism N   connections opened at once while ramping up (default 32)
          --target URL              a running silo (http://127.0.0.1:PORT); default: start one
          --author-target URL       comments: the note authors connect to this silo of the same
                                    cluster (commenters stay on --target): notification latency
                                    across silos
          --silo-pid PID            pid of the --target silo, for CPU and memory figures
          --silo-dll PATH           start this Realtime.Silo.dll instead of the repository's build
                                    (a build of a known commit while the working tree changes)
          --silo-env "K=V;K2=V2"    extra environment for the silo the tool starts (experiments)
          --compare                 hot-room, idle: run against our silo, then against the plain
                                    SignalR baseline (clients/Realtime.Baseline) with the same
                                    parameters, each started fresh; print both and the ratios
          --baseline-first          with --compare: run the baseline first
          --json                    print the results as one JSON object on stdout
        """;

    /// <summary>Returns the options, or null with <paramref name="error"/> set (empty for --help).</summary>
    public static LoadGenOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        error = string.Empty;
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            return null;
        }

        var scenario = args[0];
        if (scenario is not ("hot-room" or "like-storm" or "comments" or "translation" or "idle" or "flash-sale" or "topic-surge"))
        {
            error = $"unknown scenario '{scenario}'";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        var compare = false;
        var baselineFirst = false;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--json" or "--compare" or "--baseline-first")
            {
                json |= name == "--json";
                compare |= name == "--compare";
                baselineFirst |= name == "--baseline-first";
                continue;
            }

            if (name is "-h" or "--help")
            {
                return null;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"expected '--name value', got '{name}'";
                return null;
            }

            values[name[2..]] = args[++i];
        }

        try
        {
            var options = new LoadGenOptions
            {
                Scenario = scenario,
                Viewers = Take(values, "viewers", scenario == "flash-sale" ? 5_000 : 200, 1, 100_000),
                Stock = Take(values, "stock", 100, 1, 1_000_000),
                Rate = TakeDouble(values, "rate", scenario switch { "comments" => 100, "translation" => 15, _ => 20 }, 0.1, 100_000),
                Senders = Take(values, "senders", 2, 1, 1_000),
                Taps = TakeDouble(values, "taps", 5, 0.1, 1_000),
                Notes = Take(values, "notes", 5, 1, 10_000),
                Users = Take(values, "users", scenario == "topic-surge" ? 64 : 50, 1, 100_000),
                SurgeNotes = Take(values, "surge", 75_000, 1, 10_000_000),
                OtherNotes = Take(values, "others", 30_000, 0, 10_000_000),
                OtherTopics = Take(values, "topics", 5, 0, 1_000),
                Authors = Take(values, "authors", 1_000, 1, 1_000_000),
                Views = Take(values, "views", 100_000, 0, 100_000_000),
                Languages = TakeLanguages(values, "languages", ["en", "es", "zh-Hant"]),
                DurationSeconds = TakeDouble(values, "duration", scenario == "translation" ? 20 : 10, 1, 3_600),
                WarmupOverride = values.ContainsKey("warmup") ? TakeDouble(values, "warmup", 0, 0, 600) : null,
                TextLength = Take(values, "text-length", 40, 24, 500),
                ConnectParallelism = Take(values, "connect-parallelism", 32, 1, 1_000),
                Target = TakeUri(values, "target"),
                AuthorTarget = TakeUri(values, "author-target"),
                SiloPid = values.Remove("silo-pid", out var pid) ? ParseInt("silo-pid", pid, 1, int.MaxValue) : null,
                SiloEnvironment = TakeEnvironment(values, "silo-env"),
                SiloDll = values.Remove("silo-dll", out var siloDll) ? Path.GetFullPath(siloDll) : null,
                Json = json,
                Compare = compare,
                BaselineFirst = baselineFirst,
                Join = values.Remove("join", out var join) ? join : "room",
            };
            if (options.Join is not ("room" or "none"))
            {
                error = $"--join must be room or none, got '{options.Join}'";
                return null;
            }

            if (compare && scenario is not ("hot-room" or "idle"))
            {
                error = "--compare runs hot-room and idle only";
                return null;
            }

            if (options.SiloDll is { } dll && !File.Exists(dll))
            {
                error = $"--silo-dll: no such file '{dll}'";
                return null;
            }

            if (compare && options.Target is not null)
            {
                error = "--compare starts both servers itself; leave out --target";
                return null;
            }

            if (values.Count > 0)
            {
                error = $"unknown option '--{values.Keys.First()}'";
                return null;
            }

            return options;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static int Take(Dictionary<string, string> values, string name, int fallback, int min, int max)
        => values.Remove(name, out var text) ? ParseInt(name, text, min, max) : fallback;

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"--{name} must be a whole number {min}..{max}, got '{text}'");
        }

        return value;
    }

    private static double TakeDouble(Dictionary<string, string> values, string name, double fallback, double min, double max)
    {
        if (!values.Remove(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"--{name} must be a number {min}..{max}, got '{text}'");
        }

        return value;
    }

    private static Dictionary<string, string> TakeEnvironment(Dictionary<string, string> values, string name)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!values.Remove(name, out var text))
        {
            return environment;
        }

        foreach (var assignment in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"--{name} must be NAME=VALUE pairs separated by ';', got '{assignment}'");
            }

            environment[assignment[..equals]] = assignment[(equals + 1)..];
        }

        return environment;
    }

    private static string[] TakeLanguages(Dictionary<string, string> values, string name, string[] fallback)
    {
        if (!values.Remove(name, out var text))
        {
            return fallback;
        }

        var languages = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (languages.Length == 0 || languages.Any(l => !IsLanguageTag(l)))
        {
            throw new FormatException($"--{name} must be BCP-47 tags separated by commas, such as en,es,zh-Hant, got '{text}'");
        }

        return languages;
    }

    private static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        return parts[0].Length is >= 2 and <= 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    private static Uri? TakeUri(Dictionary<string, string> values, string name)
    {
        if (!values.Remove(name, out var text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"--{name} must be an http(s) URL such as http://127.0.0.1:5000, got '{text}'");
        }

        return uri;
    }
}
