using System.Collections.Concurrent;
using Realtime.Grains.Users;
using Orleans;

namespace Realtime.Hosting.Presence;

/// <summary>
/// Registers users (so that mentions of them count) the first time this silo sees them under a
/// display name, without a grain call on every connection.
/// </summary>
public sealed class KnownUsers(IGrainFactory grains)
{
    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Makes sure the user is registered with this display name.</summary>
    public async ValueTask EnsureRegisteredAsync(string userId, string displayName, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(userId, out var known) && known == displayName)
        {
            return;
        }

        await grains.GetGrain<IUserGrain>(userId).RegisterAsync(displayName, cancellationToken);
        if (_names.Count >= Capacity)
        {
            _names.Clear();
        }

        _names[userId] = displayName;
    }

    /// <summary>True when the user ever signed in (is registered).</summary>
    public async ValueTask<bool> ExistsAsync(string userId, CancellationToken cancellationToken) =>
        _names.ContainsKey(userId) || await grains.GetGrain<IUserGrain>(userId).ExistsAsync(cancellationToken);
}
