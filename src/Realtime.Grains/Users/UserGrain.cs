using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;

namespace Realtime.Grains.Users;

/// <summary>Keeps a user's profile; writes only when something changed.</summary>
public sealed class UserGrain(
    [PersistentState(UserGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<UserState>> state,
    DurableGrainServices services,
    IClock clock) : DurableGrain<UserState>(state, services), IUserGrain
{
    /// <summary>The user's state name in grain storage.</summary>
    public const string StateName = "user";

    protected override string LogType => StateName;

    Task IUserGrain.RegisterAsync(string displayName, CancellationToken cancellationToken) => Run(() =>
    {
        if (StateExists && State.DisplayName == displayName)
        {
            return;
        }

        if (!StateExists)
        {
            State.RegisteredAt = clock.UtcNow;
        }

        State.DisplayName = displayName;
        Commit();
    });

    Task<bool> IUserGrain.ExistsAsync(CancellationToken cancellationToken) => Run(() => StateExists);

    Task<string?> IUserGrain.GetDisplayNameAsync(CancellationToken cancellationToken) => Run(() => StateExists ? State.DisplayName : null);
}
