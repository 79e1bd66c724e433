using Realtime.Translation.Providers.OpenCc;

namespace Realtime.Moderation;

/// <summary>The simplifier backed by libopencc's <c>t2s.json</c>, folded character by character.</summary>
public sealed class OpenCcChineseSimplifier : IChineseSimplifier
{
    private readonly OpenCcCharacterSimplifier table;

    private OpenCcChineseSimplifier(OpenCcCharacterSimplifier table) => this.table = table;

    /// <summary>The simplifier, or null with the reason when libopencc is not installed.</summary>
    public static OpenCcChineseSimplifier? TryCreate(out string? reason)
    {
        var table = OpenCcCharacterSimplifier.TryCreate(out reason);
        return table is null ? null : new OpenCcChineseSimplifier(table);
    }

    /// <inheritdoc />
    public string Simplify(string text) => table.Simplify(text);
}
