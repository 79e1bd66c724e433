namespace Realtime.Hosting.Fanout;

/// <summary>
/// The local connections in one topic, with an array copy that writers iterate without a lock.
/// The copy is made at most once per change and only when someone writes, so a join storm costs
/// one copy per flush rather than one per join.
/// </summary>
internal sealed class TopicMembers
{
    private readonly HashSet<FanoutConnection> _members = [];
    private FanoutConnection[]? _snapshot = [];

    /// <summary>Set once the last member left and the topic was dropped; a joiner must start a new one.</summary>
    public bool Retired { get; private set; }

    public bool Add(FanoutConnection connection)
    {
        lock (_members)
        {
            if (Retired || !_members.Add(connection))
            {
                return false;
            }

            _snapshot = null;
            return true;
        }
    }

    /// <summary>Removes a member; true when it was the last one and the topic is now retired.</summary>
    public bool RemoveAndRetireIfEmpty(FanoutConnection connection)
    {
        lock (_members)
        {
            if (_members.Remove(connection))
            {
                _snapshot = null;
            }

            Retired = _members.Count == 0;
            return Retired;
        }
    }

    public FanoutConnection[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        lock (_members)
        {
            return _snapshot ??= [.. _members];
        }
    }
}
