using System.Text;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// Plain text to Apertium's stream format and back, for the local pipeline (which runs without
/// <c>apertium-destxt</c>/<c>apertium-retxt</c>, see <see cref="ApertiumPipeline"/>).
/// <list type="bullet">
/// <item>The characters the stream format reserves (<c>\ ^ $ [ ] / @ &lt; &gt; { }</c>) are
/// backslash-escaped; an unescaped <c>/</c> or <c>@</c> makes the pipeline fail on a malformed stream.</item>
/// <item>Formatting goes into superblanks (<c>[...]</c>), which the pipeline passes through untouched
/// and in place: line breaks (with the spaces around them), tabs and other control characters,
/// and <c>~</c> (which the generator would otherwise eat).</item>
/// <item>Every line break, and the end of the text, is preceded by a synthetic sentence end
/// <c>.[]</c>, so that the tagger and the structural transfer never reorder words across lines;
/// the decoder drops a <c>.</c> that is directly followed by an empty superblank, as
/// <c>apertium-retxt</c> does. The final empty superblank also matters for flushing: in
/// lttoolbox 3.7 <c>lt-proc -b -z</c> flushes at a <c>\0</c> only when a blank precedes it.</item>
/// <item>Leading and trailing whitespace is kept aside and put back exactly; <c>\0</c>, the frame
/// delimiter, cannot be sent and is dropped.</item>
/// </list>
/// </summary>
internal static class ApertiumStreamFormat
{
    /// <summary>Splits <paramref name="text"/> into its leading whitespace, core and trailing whitespace.</summary>
    public static (string Leading, string Core, string Trailing) Split(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (text[..start], text[start..end], text[end..]);
    }

    /// <summary>The stream-format form of a text's core (no leading or trailing whitespace), ready to be framed.</summary>
    public static string Encode(string core)
    {
        if (core.Contains('\0', StringComparison.Ordinal))
        {
            core = core.Replace("\0", string.Empty, StringComparison.Ordinal);
        }

        var stream = new StringBuilder(core.Length + core.Length / 4 + 8);
        var i = 0;
        while (i < core.Length)
        {
            var c = core[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029' || IsFormatting(c))
            {
                // A run of formatting, and the spaces that touch it, becomes one superblank.
                var start = i;
                var breaksLine = false;
                while (i < core.Length && (core[i] is ' ' || char.IsWhiteSpace(core[i]) || IsFormatting(core[i])))
                {
                    breaksLine |= core[i] is '\n' or '\r' or '\u2028' or '\u2029';
                    i++;
                }

                // Spaces before the run were already written as plain blanks; that is harmless.
                if (breaksLine)
                {
                    stream.Append(".[]");
                }

                stream.Append('[');
                foreach (var f in core.AsSpan(start, i - start))
                {
                    if (IsReserved(f))
                    {
                        stream.Append('\\');
                    }

                    stream.Append(f);
                }

                stream.Append(']');
                continue;
            }

            if (IsReserved(c))
            {
                stream.Append('\\');
            }

            stream.Append(c);
            i++;
        }

        stream.Append(".[]");
        return stream.ToString();
    }

    /// <summary>Plain text from one frame of pipeline output (without its <c>\0</c>).</summary>
    public static string Decode(ReadOnlySpan<char> stream)
    {
        var text = new StringBuilder(stream.Length);
        var lastWasPlainPeriod = false;
        var i = 0;
        while (i < stream.Length)
        {
            var c = stream[i];
            if (c == '\\' && i + 1 < stream.Length)
            {
                text.Append(stream[i + 1]);
                lastWasPlainPeriod = false;
                i += 2;
                continue;
            }

            if (c == '[')
            {
                var close = FindClose(stream, i + 1);
                var content = stream[(i + 1)..close];
                if (content.IsEmpty && lastWasPlainPeriod)
                {
                    text.Length--; // the synthetic sentence end
                }

                // Word-bound blanks ([[...]]) carry no text of ours; plain superblanks carry formatting.
                if (!(content.StartsWith("[") && content.EndsWith("]")))
                {
                    AppendUnescaped(text, content);
                }

                lastWasPlainPeriod = false;
                i = Math.Min(close + 1, stream.Length);
                continue;
            }

            text.Append(c);
            lastWasPlainPeriod = c == '.';
            i++;
        }

        return text.ToString().Trim();
    }

    private static int FindClose(ReadOnlySpan<char> stream, int from)
    {
        var depth = 0;
        for (var j = from; j < stream.Length; j++)
        {
            switch (stream[j])
            {
                case '\\':
                    j++;
                    break;
                case '[':
                    depth++;
                    break;
                case ']' when depth == 0:
                    return j;
                case ']':
                    depth--;
                    break;
            }
        }

        return stream.Length;
    }

    private static void AppendUnescaped(StringBuilder text, ReadOnlySpan<char> content)
    {
        for (var j = 0; j < content.Length; j++)
        {
            if (content[j] == '\\' && j + 1 < content.Length)
            {
                j++;
            }

            text.Append(content[j]);
        }
    }

    private static bool IsReserved(char c) => c is '\\' or '^' or '$' or '[' or ']' or '/' or '@' or '<' or '>' or '{' or '}';

    private static bool IsFormatting(char c) => c == '~' || (char.IsControl(c) && c != ' ') || c is '\u2028' or '\u2029';
}
