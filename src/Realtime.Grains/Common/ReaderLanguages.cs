namespace Realtime.Grains.Common;

/// <summary>
/// Which languages the readers of a room or note read, as each silo reports them; the union is
/// what translation is done for. A silo's report replaces its previous one.
/// </summary>
internal sealed class ReaderLanguages
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _bySilo = new(StringComparer.Ordinal);

    /// <summary>Records a silo's readers per language (null or empty: none).</summary>
    public void Report(string siloId, IReadOnlyDictionary<string, int>? languages)
    {
        if (languages is null || languages.Count == 0)
        {
            _bySilo.Remove(siloId);
        }
        else
        {
            _bySilo[siloId] = languages;
        }
    }

    /// <summary>Every language with at least one reader.</summary>
    public IReadOnlyCollection<string> InDemand() =>
        _bySilo.Values.SelectMany(l => l.Where(x => x.Value > 0).Select(x => x.Key)).ToHashSet(StringComparer.Ordinal);
}
