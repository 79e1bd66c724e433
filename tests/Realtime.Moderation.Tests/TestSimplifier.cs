namespace Realtime.Moderation.Tests;

/// <summary>OpenCC's simplifier, built once for the test run (CI installs libopencc).</summary>
internal static class TestSimplifier
{
    private static readonly Lazy<IChineseSimplifier?> OpenCc = new(() => OpenCcChineseSimplifier.TryCreate(out _));

    public static IChineseSimplifier? Instance => OpenCc.Value;

    public static IChineseSimplifier Required => Instance ?? throw new InvalidOperationException("libopencc is not installed (apt-get install libopencc1.1 opencc).");
}
