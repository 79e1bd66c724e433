using System.Diagnostics;
using Realtime.Moderation;

namespace Realtime.Benchmarks.Moderation;

/// <summary>
/// <c>contact-corpus</c>: the contact filter's precision and recall over the test corpus
/// (tests/Realtime.Moderation.Tests/Corpus), and its mean cost per 200-character line, timed with a
/// stopwatch over many passes after a warm-up.
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
        var positives = Read(Path.Combine(folder, "contacts-match.txt"));
        var negatives = Read(Path.Combine(folder, "contacts-clean.txt"));
        var truePositives = positives.Count(line => detector.Find(line).Count > 0);
        var falsePositives = negatives.Count(line => detector.Find(line).Count > 0);
        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, positives.Count);
        output.WriteLine($"corpus: {positives.Count} lines with contacts, {negatives.Count} without");
        output.WriteLine($"precision {precision:P2}, recall {recall:P2} ({truePositives} found, {positives.Count - truePositives} missed, {falsePositives} false alarms)");

        output.WriteLine($"mean per {ModerationLines.Length}-character line (contact filter): "
            + $"corpus lines joined {Time(detector, Join(positives.Concat(negatives))):F2} µs, "
            + $"clean {Time(detector, ModerationLines.Clean):F2} µs, with contacts {Time(detector, ModerationLines.WithContacts):F2} µs");
        return 0;
    }

    private static double Time(ContactDetector detector, IReadOnlyList<string> lines)
    {
        const int WarmUp = 2_000;
        const int Passes = 20_000;
        for (var i = 0; i < WarmUp; i++)
        {
            detector.Find(lines[i % lines.Count]);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Passes; i++)
        {
            detector.Find(lines[i % lines.Count]);
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
