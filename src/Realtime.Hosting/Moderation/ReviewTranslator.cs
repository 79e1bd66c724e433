using Realtime.Contracts.Moderation;
using Realtime.Translation;

namespace Realtime.Hosting.Moderation;

/// <summary>Puts a translation into the moderator's language beside each entry's original, where a provider serves the pair.</summary>
public sealed class ReviewTranslator(ITranslator translator)
{
    /// <summary>The entries with <see cref="ReviewItem.Translation"/> filled in where possible.</summary>
    public async Task<IReadOnlyList<ReviewItem>> TranslateAsync(IReadOnlyList<ReviewItem> items, string? moderatorLanguage, CancellationToken cancellationToken)
    {
        if (moderatorLanguage is null || items.Count == 0 || !translator.Enabled)
        {
            return items;
        }

        var translated = await translator.TranslateAsync(items.Select(i => new SourceText(i.Text, i.Language)).ToList(), moderatorLanguage, cancellationToken);
        return items.Select((item, i) => translated[i] is { } t
            ? item with { Translation = new Contracts.Rooms.Translation(moderatorLanguage, t.Text, t.Explanations) }
            : item).ToList();
    }
}
