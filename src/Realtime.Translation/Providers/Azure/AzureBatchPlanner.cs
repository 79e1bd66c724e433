namespace Realtime.Translation.Providers.Azure;

/// <summary>
/// Splits texts into requests that stay within Translator v3's documented limits: at most
/// <see cref="AzureTranslatorProvider.MaxTextsPerRequest"/> array elements and at most
/// <see cref="AzureTranslatorProvider.MaxCharactersPerRequest"/> characters per request,
/// counted across all target languages (characters x number of targets).
/// </summary>
internal static class AzureBatchPlanner
{
    /// <summary>Characters a text costs in a request (UTF-16 code units, which never undercounts).</summary>
    public static long Cost(string text, int targetCount) => (long)text.Length * targetCount;

    /// <summary>True when the text alone is over the per-request character limit.</summary>
    public static bool IsOverLimit(string text, int targetCount) =>
        Cost(text, targetCount) > AzureTranslatorProvider.MaxCharactersPerRequest;

    /// <summary>
    /// Greedy, order-preserving plan over the texts at <paramref name="indices"/>: each batch is a
    /// run of consecutive indices. Callers leave out texts that are over the limit on their own.
    /// </summary>
    public static List<List<int>> Plan(IReadOnlyList<string> texts, IReadOnlyList<int> indices, int targetCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        var batches = new List<List<int>>();
        var current = new List<int>();
        long characters = 0;
        foreach (var index in indices)
        {
            var cost = Cost(texts[index], targetCount);
            if (cost > AzureTranslatorProvider.MaxCharactersPerRequest)
            {
                throw new ArgumentException($"Text {index} is over the per-request limit; leave it out of the plan.", nameof(indices));
            }

            if (current.Count == AzureTranslatorProvider.MaxTextsPerRequest
                || characters + cost > AzureTranslatorProvider.MaxCharactersPerRequest)
            {
                batches.Add(current);
                current = [];
                characters = 0;
            }

            current.Add(index);
            characters += cost;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
