using System.Collections;

namespace Realtime.Hosting.Hubs;

/// <summary>
/// The ids of the rooms, notes or topics one connection watches. A viewer watches one or two, so a short
/// array searched in order costs a fraction of a <see cref="HashSet{T}"/>, which every one of
/// tens of thousands of idle connections would otherwise carry.
/// </summary>
internal sealed class TopicIdSet : IEnumerable<string>
{
    private string[]? _ids;
    private int _count;

    /// <summary>How many ids the set holds.</summary>
    public int Count => _count;

    /// <summary>Whether <paramref name="id"/> is in the set.</summary>
    public bool Contains(string id) => IndexOf(id) >= 0;

    /// <summary>Adds <paramref name="id"/>; false if it was already there.</summary>
    public bool Add(string id)
    {
        if (IndexOf(id) >= 0)
        {
            return false;
        }

        if (_ids is null || _count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids is null ? 1 : _ids.Length * 2);
        }

        _ids[_count++] = id;
        return true;
    }

    /// <summary>Removes <paramref name="id"/>; false if it was not there.</summary>
    public bool Remove(string id)
    {
        var index = IndexOf(id);
        if (index < 0)
        {
            return false;
        }

        // Order carries no meaning, so the last id fills the hole.
        _count--;
        _ids![index] = _ids[_count];
        _ids[_count] = null!;
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _ids![i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ids![i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
