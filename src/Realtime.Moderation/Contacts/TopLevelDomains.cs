using System.Collections.Frozen;

namespace Realtime.Moderation.Contacts;

/// <summary>The top-level domains a spelt-out address or a bare domain may end in; the common and the regional ones of our users.</summary>
internal static class TopLevelDomains
{
    private static readonly FrozenSet<string> Known = FrozenSet.ToFrozenSet(
        ["com", "net", "org", "edu", "gov", "cn", "me", "ly", "io", "co", "gl", "tv", "app", "link", "cc", "xyz", "top", "info",
         "biz", "shop", "site", "online", "club", "vip", "es", "mx", "ar", "cl", "pe", "tw", "hk", "uk", "ru", "jp", "kr", "de",
         "fr", "br", "gg", "ws", "page", "live", "fun", "store", "icu", "ai", "im", "gd", "su", "tk", "mo", "sg", "my", "ve", "uy",
         "bo", "ec", "py", "cr", "gt", "do", "cu", "pa", "hn", "ni", "sv", "pr", "us", "ca", "au", "eu", "in", "it", "nl"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for a known top-level domain, lower case.</summary>
    public static bool Contains(ReadOnlySpan<char> label) => Lookup.Contains(label);
}
