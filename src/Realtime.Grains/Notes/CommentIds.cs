using System.Globalization;

namespace Realtime.Grains.Notes;

/// <summary>
/// Comment ids are "c" + seq: unique within a note, and a comment is found from its id without
/// an index, in memory or in the log.
/// </summary>
public static class CommentIds
{
    public static string For(long seq) => "c" + seq.ToString(CultureInfo.InvariantCulture);

    public static long? SeqOf(string commentId) =>
        commentId.Length > 1 && commentId[0] == 'c' && long.TryParse(commentId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : null;
}
