using Orleans;

namespace Realtime.Contracts.Hashtags;

/// <summary>A note as a topic lists it among its latest notes: the fields of a note, with <paramref name="Body"/> cut to <see cref="BodyExcerptMax"/> characters.</summary>
[GenerateSerializer]
[Immutable]
[Alias("realtime.TopicNote")]
public sealed record TopicNote(string NoteId, string AuthorId, string Title, string Body, string? Language, DateTimeOffset CreatedAt)
{
    /// <summary>The longest body a topic keeps for a note, in UTF-16 units (a cut never splits a surrogate pair).</summary>
    public const int BodyExcerptMax = 200;

    /// <summary><paramref name="body"/> cut to <see cref="BodyExcerptMax"/>.</summary>
    public static string Excerpt(string body)
    {
        if (body.Length <= BodyExcerptMax)
        {
            return body;
        }

        var end = char.IsHighSurrogate(body[BodyExcerptMax - 1]) ? BodyExcerptMax - 1 : BodyExcerptMax;
        return body[..end];
    }
}
