using Realtime.Contracts.Rooms;
using Orleans.Runtime;
using Realtime.Grains.Common;
using Realtime.Grains.Durability;

namespace Realtime.Grains.Directory;

/// <summary>
/// Keeps the room list. New rooms are written at once; counter refreshes only in memory and
/// every few seconds, since rooms report them again whenever they change.
/// </summary>
public sealed class RoomDirectoryGrain(
    [PersistentState(RoomDirectoryGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<RoomDirectoryState>> state,
    DurableGrainServices services,
    IClock clock) : DurableGrain<RoomDirectoryState>(state, services), IRoomDirectoryGrain
{
    /// <summary>The directory's state name in grain storage.</summary>
    public const string StateName = "room-directory";

    /// <summary>The key of the one directory grain.</summary>
    public const string Key = "all";

    private static readonly TimeSpan Recent = TimeSpan.FromHours(24);
    private bool _dirty;

    protected override string LogType => StateName;

    protected override Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        RegisterTick(FlushAsync, TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    protected override Task OnDeactivatingAsync(CancellationToken cancellationToken) => FlushAsync();

    Task IRoomDirectoryGrain.UpsertAsync(RoomSummary summary, DateTimeOffset createdAt, CancellationToken cancellationToken) => Run(() =>
    {
        var isNew = !State.Rooms.TryGetValue(summary.RoomId, out var existing);
        State.Rooms[summary.RoomId] = new RoomDirectoryEntry(summary.RoomId, summary.Title, summary.HostId, summary.Viewers, summary.Likes, createdAt);
        if (isNew || existing!.Title != summary.Title)
        {
            Prune();
            _dirty = false;
            Commit();
            return;
        }

        _dirty = true;
    });

    Task<IReadOnlyList<RoomSummary>> IRoomDirectoryGrain.ListAsync(int limit, CancellationToken cancellationToken) => Run(() =>
    {
        var since = clock.UtcNow - Recent;
        IReadOnlyList<RoomSummary> rooms = State.Rooms.Values
            .Where(r => r.Viewers > 0 || r.CreatedAt >= since)
            .OrderByDescending(r => r.Viewers)
            .ThenByDescending(r => r.CreatedAt)
            .Take(limit)
            .Select(r => new RoomSummary(r.RoomId, r.Title, r.HostId, r.Viewers, r.Likes))
            .ToList();
        return rooms;
    });

    private Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            Prune();
            Commit();
        }

        return Task.CompletedTask;
    }

    private void Prune()
    {
        var since = clock.UtcNow - Recent;
        foreach (var room in State.Rooms.Values.Where(r => r.Viewers == 0 && r.CreatedAt < since).ToList())
        {
            State.Rooms.Remove(room.RoomId);
        }
    }
}
