namespace Realtime.Contracts.Hashtags;

/// <summary>REST paths of topics.</summary>
public static class TopicPaths
{
    public const string Topics = "/api/topics";
    public const string Trending = "/api/topics/trending";
}
