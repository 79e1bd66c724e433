using System.Diagnostics;
using Realtime.Moderation;

namespace Realtime.Benchmarks.Moderation;

/// <summary>
/// <c>contact-corpus</c>: the contact filter's precision and recall over the test corpus
/// (tests/Realtime.Moderation.Tests/Corpus), and its mean cost per 200-character line, timed with a
/// stopwatch over many passes after a warm-up; also the whole check with a thousand terms.
/// The first pass in a fresh process still runs partly unoptimised code (the JIT optimises a
/// method only after it has run a while, later still on a loaded machine), so the warm-up lasts
/// at least a second and each figure is the median of several rounds; the cost of the cold
/// start is printed apart from them.
/// </summary>
public static class ContactCorpusCheck
{
    private const string CorpusFolder = "tests/Realtime.Moderation.Tests/Corpus";

    public static int Run(TextWriter output)
    {
        var folder = FindCorpus();
        if (folder is null)
        {
            output.WriteLine($"{CorpusFolder} not found above {Environment.CurrentDirectory}; run from the repository.");
            return 1;
        }

        var detector = new ContactDetector();
        var coldWatch = Stopwatch.StartNew();
        var positives = Read(Path.Combine(folder, "contacts-match.txt"));
        var negatives = Read(Path.Combine(folder, "contacts-clean.txt"));
        var truePositives = positives.Count(line => detector.Find(line).Count > 0);
        var falsePositives = negatives.Count(line => detector.Find(line).Count > 0);
        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, positives.Count);
        output.WriteLine($"corpus: {positives.Count} lines with contacts, {negatives.Count} without");
        output.WriteLine($"precision {precision:P2}, recall {recall:P2} ({truePositives} found, {positives.Count - truePositives} missed, {falsePositives} false alarms)");

        var chunks = Join(positives.Concat(negatives));
        var cold = Pass(chunks, line => detector.Find(line));
        output.WriteLine($"cold start: the first {Passes:N0} joined lines in this process took {cold:F2} µs each "
            + $"({coldWatch.Elapsed.TotalMilliseconds:F0} ms since the detector was made)");

        output.WriteLine($"mean per {ModerationLines.Length}-character line (contact filter): "
            + $"corpus lines joined {Time(chunks, line => detector.Find(line)):F2} µs, "
            + $"clean {Time(ModerationLines.Clean, line => detector.Find(line)):F2} µs, "
            + $"with contacts {Time(ModerationLines.WithContacts, line => detector.Find(line)):F2} µs");

        var moderator = ModerationLines.Moderator();
        output.WriteLine($"mean per {ModerationLines.Length}-character line (moderator, 1,000 terms): "
            + $"corpus lines joined {Time(chunks, line => moderator.Check(line, ContentChannel.Chat)):F2} µs, "
            + $"clean {Time(ModerationLines.Clean, line => moderator.Check(line, ContentChannel.Chat)):F2} µs, "
            + $"with contacts {Time(ModerationLines.WithContacts, line => moderator.Check(line, ContentChannel.Chat)):F2} µs");
        return 0;
    }

    private const int Passes = 20_000;

    /// <summary>The median over five rounds of <see cref="Pass"/>, after at least a second of warm-up.</summary>
    private static double Time(IReadOnlyList<string> lines, Action<string> check)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Pass(lines, check);
        }

        var rounds = new double[5];
        for (var round = 0; round < rounds.Length; round++)
        {
            rounds[round] = Pass(lines, check);
        }

        Array.Sort(rounds);
        return rounds[rounds.Length / 2];
    }

    /// <summary>The mean cost in microseconds of <paramref name="check"/> over <see cref="Passes"/> lines.</summary>
    private static double Pass(IReadOnlyList<string> lines, Action<string> check)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Passes; i++)
        {
            check(lines[i % lines.Count]);
        }

        return watch.Elapsed.TotalMicroseconds / Passes;
    }

    /// <summary>The corpus lines run together and cut into 200-character lines.</summary>
    private static List<string> Join(IEnumerable<string> lines)
    {
        var joined = string.Join(' ', lines);
        var result = new List<string>();
        for (var start = 0; start + ModerationLines.Length <= joined.Length; start += ModerationLines.Length)
        {
            result.Add(joined.Substring(start, ModerationLines.Length));
        }

        return result;
    }

    private static List<string> Read(string path) =>
        [.. File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.IndexOf('|') is var bar and > 0 and < 8 ? line[(bar + 1)..] : line)];

    private static string? FindCorpus()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, CorpusFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
