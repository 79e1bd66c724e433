using Xunit.Abstractions;

namespace Realtime.Moderation.Tests;

public sealed class ContactCorpusTests(ITestOutputHelper output)
{
    private readonly ContactDetector detector = new();

    [Fact]
    public void The_corpus_is_large_and_balanced_across_languages()
    {
        foreach (var name in new[] { "contacts-match.txt", "contacts-clean.txt" })
        {
            var lines = CorpusLine.Read(name);
            Assert.True(lines.Count >= 300, $"{name} has {lines.Count} lines");
            foreach (var language in new[] { "zh-Hans", "zh-Hant", "en", "es" })
            {
                Assert.True(lines.Count(l => l.Language == language) >= 70, $"{name} has few {language} lines");
            }
        }
    }

    [Fact]
    public void Precision_and_recall_over_the_corpus_are_high()
    {
        var positives = CorpusLine.Read("contacts-match.txt");
        var negatives = CorpusLine.Read("contacts-clean.txt");
        var missed = positives.Where(l => detector.Find(l.Text).Count == 0).ToList();
        var falseAlarms = negatives.Where(l => detector.Find(l.Text).Count > 0).ToList();
        var truePositives = positives.Count - missed.Count;
        var precision = truePositives == 0 ? 0 : truePositives / (double)(truePositives + falseAlarms.Count);
        var recall = truePositives / (double)positives.Count;

        output.WriteLine($"positives {positives.Count}, negatives {negatives.Count}");
        output.WriteLine($"precision {precision:P2}, recall {recall:P2}");
        foreach (var language in positives.Select(l => l.Language).Distinct())
        {
            output.WriteLine($"  {language}: missed {missed.Count(l => l.Language == language)}, false alarms {falseAlarms.Count(l => l.Language == language)}");
        }

        var report = string.Join('\n', missed.Select(l => "missed: " + l).Concat(falseAlarms.Select(l => $"false alarm: {l} -> {Describe(l.Text)}")));
        output.WriteLine(report);
        Assert.True(precision >= 0.98 && recall >= 0.97, $"precision {precision:P2}, recall {recall:P2}\n{report}");
    }

    private string Describe(string text) =>
        string.Join(", ", detector.Find(text).Select(m => $"{m.Kind} '{text.Substring(m.Span.Start, m.Span.Length)}'"));
}
