namespace Realtime.Translation.Glossary;

/// <summary>The glossary; its version is part of every translation's cache key.</summary>
public sealed record GlossaryDocument(long Version, IReadOnlyList<GlossaryEntry> Entries, IReadOnlyList<KeptTerm> Keep)
{
    /// <summary>What a new data folder starts with: renderings the community asked for.</summary>
    public static GlossaryDocument Default { get; } = new(
        1,
        [
            new GlossaryEntry("zh-Hans", "烟火气", new Dictionary<string, string> { ["en"] = "Vibe of Daily Life", ["es"] = "el encanto de la vida cotidiana" }),
            new GlossaryEntry("zh-Hans", "种草", new Dictionary<string, string> { ["en"] = "got me wanting it", ["es"] = "me dieron ganas de tenerlo" }),
        ],
        [
            new KeptTerm("躺平", "tang ping, 'lying flat': choosing a low-effort life over the rat race"),
            new KeptTerm("内卷", "nei juan, 'involution': exhausting competition that leaves nobody better off"),
            new KeptTerm("yyds", "'eternal god': the greatest of all time"),
        ]);
}
