namespace Realtime.Translation.Providers.OpenCc;

/// <summary>The two written forms of Chinese OpenCC converts between.</summary>
internal enum ChineseScript
{
    /// <summary>Chinese, script not stated.</summary>
    Unknown,

    /// <summary>Simplified characters (zh-Hans).</summary>
    Simplified,

    /// <summary>Traditional characters (zh-Hant).</summary>
    Traditional,
}
