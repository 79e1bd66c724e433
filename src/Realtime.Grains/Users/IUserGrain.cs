using Orleans;

namespace Realtime.Grains.Users;

/// <summary>A known user (key: userId): registered when it gets a token or connects.</summary>
[Alias("realtime.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Records the user and its current display name.</summary>
    [Alias("Register")]
    Task RegisterAsync(string displayName, CancellationToken cancellationToken = default);

    /// <summary>True when the user is known (mentions of unknown users are ignored).</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>The user's current display name; null when the user is unknown.</summary>
    [Alias("GetDisplayName")]
    Task<string?> GetDisplayNameAsync(CancellationToken cancellationToken = default);
}
