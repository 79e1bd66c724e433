using System.Globalization;

namespace Realtime.LoadGen;

/// <summary>
/// The send time a load-generator text carries: <c>t=&lt;Stopwatch ticks&gt;</c> at the start of the
/// text, or after the <c>": "</c> of a notification preview ("lg 3 commented on your note: t=...").
/// </summary>
internal static class Stamp
{
    /// <summary>Writes <c>t=&lt;ticks&gt; &lt;tag&gt; </c> padded with <c>x</c> to <paramref name="length"/> characters.</summary>
    public static string Text(long ticks, string tag, int length)
    {
        Span<char> buffer = stackalloc char[Math.Max(length, 96)];
        buffer.TryWrite(CultureInfo.InvariantCulture, $"t={ticks} {tag} ", out var written);
        buffer[written..].Fill('x');
        return new string(buffer[..Math.Max(written + 1, length)].TrimEnd());
    }

    /// <summary>Reads the stamp at the start of <paramref name="text"/>.</summary>
    public static bool TryRead(string? text, out long ticks)
    {
        ticks = 0;
        return text is not null && text.StartsWith("t=", StringComparison.Ordinal) && TryParse(text.AsSpan(2), out ticks);
    }

    /// <summary>Reads the stamp quoted in a notification preview.</summary>
    public static bool TryReadQuoted(string? preview, out long ticks)
    {
        ticks = 0;
        if (preview is null)
        {
            return false;
        }

        var at = preview.IndexOf(": t=", StringComparison.Ordinal);
        return at >= 0 && TryParse(preview.AsSpan(at + 4), out ticks);
    }

    private static bool TryParse(ReadOnlySpan<char> span, out long ticks)
    {
        var end = span.IndexOf(' ');
        return long.TryParse(end < 0 ? span : span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out ticks);
    }
}
