namespace Realtime.Moderation.Tests;

/// <summary>One line of a corpus file (<c>language|text</c>; blank lines and <c>#</c> comments skipped).</summary>
public sealed record CorpusLine(string File, int Number, string Language, string Text)
{
    /// <summary>Reads <paramref name="name"/> from the copied <c>Corpus</c> folder.</summary>
    public static IReadOnlyList<CorpusLine> Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", name);
        var lines = new List<CorpusLine>();
        var number = 0;
        foreach (var raw in System.IO.File.ReadLines(path))
        {
            number++;
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var bar = raw.IndexOf('|');
            lines.Add(bar is > 0 and < 8
                ? new CorpusLine(name, number, raw[..bar], raw[(bar + 1)..])
                : new CorpusLine(name, number, "und", raw));
        }

        return lines;
    }

    public override string ToString() => $"{File}:{Number} [{Language}] {Text}";
}
