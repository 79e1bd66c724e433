using Realtime.Contracts.Moderation;

namespace Realtime.Grains.Moderation;

/// <summary>The persisted term lists.</summary>
public sealed class ModerationTermsState
{
    public long Version { get; set; }

    public List<ModerationTerm> Terms { get; set; } = [];
}
