namespace Realtime.Hosting.Hashtags;

/// <summary>The topics and trending lists one connection watches (kept in the connection's items).</summary>
internal sealed class HashtagWatches
{
    public const string ItemKey = "realtime.hashtags";

    /// <summary>How many topics one connection may watch at once.</summary>
    public const int TopicsMax = 100;

    /// <summary>Folded tags watched.</summary>
    public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

    public bool Trending { get; set; }
}
