using BenchmarkDotNet.Attributes;
using Realtime.Moderation;

namespace Realtime.Benchmarks.Moderation;

/// <summary>
/// The cost of moderating one 200-character chat line: the contact filter alone
/// (<see cref="ContactDetector.Find"/>) and the whole check (<see cref="ContentModerator.Check"/>:
/// normalisation, a thousand terms, contacts, masking), on clean lines and on lines with contacts.
/// Each benchmark goes through the four lines (Chinese simplified and traditional, English, Spanish), so
/// divide by four for one line.
/// </summary>
public class ContactFilterBenchmarks
{
    private readonly ContactDetector detector = new();
    private ContentModerator moderator = null!;

    [GlobalSetup]
    public void Setup()
    {
        moderator = ModerationLines.Moderator();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 4)]
    public int FindClean() => Find(ModerationLines.Clean);

    [Benchmark(OperationsPerInvoke = 4)]
    public int FindWithContacts() => Find(ModerationLines.WithContacts);

    [Benchmark(OperationsPerInvoke = 4)]
    public int CheckClean() => Check(ModerationLines.Clean);

    [Benchmark(OperationsPerInvoke = 4)]
    public int CheckWithContacts() => Check(ModerationLines.WithContacts);

    private int Find(string[] lines)
    {
        var found = 0;
        foreach (var line in lines)
        {
            found += detector.Find(line).Count;
        }

        return found;
    }

    private int Check(string[] lines)
    {
        var length = 0;
        foreach (var line in lines)
        {
            length += moderator.Check(line, ContentChannel.Chat).Text.Length;
        }

        return length;
    }
}
