using Realtime.Grains.Common;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Users;

/// <summary>Keeps a user's profile; writes only when something changed.</summary>
public sealed class UserGrain(IClock clock) : Grain<UserState>, IUserGrain
{
    Task IUserGrain.RegisterAsync(string displayName, CancellationToken cancellationToken)
    {
        if (StateExists && State.DisplayName == displayName)
        {
            return Task.CompletedTask;
        }

        if (!StateExists)
        {
            State.RegisteredAt = clock.UtcNow;
        }

        State.DisplayName = displayName;
        return WriteStateAsync();
    }

    Task<bool> IUserGrain.ExistsAsync(CancellationToken cancellationToken) => Task.FromResult(StateExists);
}
