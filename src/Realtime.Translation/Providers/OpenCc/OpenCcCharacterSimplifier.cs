namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// Traditional-to-simplified folding one character at a time, for matching rather than display:
/// libopencc (<c>t2s.json</c>) converts every CJK ideograph once, at construction, each on its own
/// line so no phrase rule joins neighbours, and the answers are kept in a table. Afterwards a
/// conversion is a table look-up: no lock, no native call, and the length never changes, so
/// positions in the folded text are positions in the original.
/// </summary>
public sealed class OpenCcCharacterSimplifier
{
    // The unified ideographs, extension A and the compatibility block; the rest of the BMP has no
    // traditional forms OpenCC folds, and characters outside the BMP are left as they are.
    private static readonly (char First, char Last)[] Blocks = [('\u3400', '\u4DBF'), ('\u4E00', '\u9FFF'), ('\uF900', '\uFAFF')];

    private readonly Dictionary<char, char> table;

    private OpenCcCharacterSimplifier(Dictionary<char, char> table) => this.table = table;

    /// <summary>How many characters fold to another one.</summary>
    public int Count => table.Count;

    /// <summary>Builds the table with libopencc, or answers null with the reason when it cannot be loaded.</summary>
    public static OpenCcCharacterSimplifier? TryCreate(out string? reason)
    {
        try
        {
            using var converter = OpenCcLibraryConverter.Open(OpenCcScripts.ToSimplified);
            var table = new Dictionary<char, char>();
            foreach (var (first, last) in Blocks)
            {
                var source = new char[(last - first + 1) * 2];
                for (var c = first; c <= last; c++)
                {
                    source[(c - first) * 2] = c;
                    source[((c - first) * 2) + 1] = '\n';
                }

                var converted = converter.Convert(new string(source));
                if (converted.Length != source.Length)
                {
                    // A line grew or shrank: read line by line and keep the one-to-one answers.
                    AddLines(table, first, converted);
                    continue;
                }

                for (var c = first; c <= last; c++)
                {
                    var to = converted[(c - first) * 2];
                    if (to != c)
                    {
                        table[c] = to;
                    }
                }
            }

            reason = null;
            return new OpenCcCharacterSimplifier(table);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or OpenCcException)
        {
            reason = ex.Message;
            return null;
        }
    }

    /// <summary>The simplified form of <paramref name="c"/>, or <paramref name="c"/> itself.</summary>
    public char Simplify(char c) => table.TryGetValue(c, out var to) ? to : c;

    /// <summary>Every character folded; the result has the length of <paramref name="text"/>.</summary>
    public string Simplify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = 0;
        while (index < text.Length && !table.ContainsKey(text[index]))
        {
            index++;
        }

        if (index == text.Length)
        {
            return text;
        }

        return string.Create(text.Length, (text, table), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                span[i] = state.table.TryGetValue(c, out var to) ? to : c;
            }
        });
    }

    private static void AddLines(Dictionary<char, char> table, char first, string converted)
    {
        var lines = converted.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var c = (char)(first + i);
            if (lines[i].Length == 1 && lines[i][0] != c)
            {
                table[c] = lines[i][0];
            }
        }
    }
}
