namespace Realtime.LoadGen;

/// <summary>One line of the replayed chat: the sender's language and the text.</summary>
internal sealed record ReplayLine(string Language, string Text);

/// <summary>
/// The built-in multilingual chat (<c>Data/chat-replay.tsv</c>, embedded): English, Spanish and
/// Simplified Chinese lines, laughter, emoji and short reactions, popular lines repeated.
/// </summary>
internal static class ChatReplay
{
    private static readonly Lazy<IReadOnlyList<ReplayLine>> LinesValue = new(Load);

    public static IReadOnlyList<ReplayLine> Lines => LinesValue.Value;

    private static IReadOnlyList<ReplayLine> Load()
    {
        using var stream = typeof(ChatReplay).Assembly.GetManifestResourceStream("chat-replay.tsv")
            ?? throw new InvalidOperationException("the embedded chat-replay.tsv is missing");
        using var reader = new StreamReader(stream);
        var lines = new List<ReplayLine>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidOperationException($"chat-replay.tsv: expected '<language><TAB><text>', got '{line}'");
            }

            lines.Add(new ReplayLine(line[..tab], line[(tab + 1)..]));
        }

        return lines;
    }
}
