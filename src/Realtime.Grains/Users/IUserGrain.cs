using Realtime.Runtime.Grains;

namespace Realtime.Grains.Users;

/// <summary>A known user (key: userId): registered when it gets a token or connects.</summary>
public interface IUserGrain : IGrain
{
    /// <summary>Records the user and its current display name.</summary>
    Task RegisterAsync(string displayName, CancellationToken cancellationToken = default);

    /// <summary>True when the user is known (mentions of unknown users are ignored).</summary>
    Task<bool> ExistsAsync(CancellationToken cancellationToken = default);
}
