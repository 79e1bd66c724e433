using Realtime.Contracts.Rooms;
using Realtime.Grains.Common;
using Realtime.Runtime.Grains;

namespace Realtime.Grains.Directory;

/// <summary>
/// Keeps the room list. New rooms are written at once; counter refreshes only in memory and
/// every few seconds, since rooms report them again whenever they change.
/// </summary>
public sealed class RoomDirectoryGrain(IClock clock) : Grain<RoomDirectoryState>, IRoomDirectoryGrain
{
    /// <summary>The key of the one directory grain.</summary>
    public const string Key = "all";

    private static readonly TimeSpan Recent = TimeSpan.FromHours(24);
    private bool _dirty;

    protected override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterTimer(FlushAsync, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync(CancellationToken cancellationToken) =>
        _dirty ? WriteStateAsync() : Task.CompletedTask;

    async Task IRoomDirectoryGrain.UpsertAsync(RoomSummary summary, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var isNew = !State.Rooms.TryGetValue(summary.RoomId, out var existing);
        State.Rooms[summary.RoomId] = new RoomDirectoryEntry(summary.RoomId, summary.Title, summary.HostId, summary.Viewers, summary.Likes, createdAt);
        if (isNew || existing!.Title != summary.Title)
        {
            Prune();
            _dirty = false;
            await WriteStateAsync();
            return;
        }

        _dirty = true;
    }

    Task<IReadOnlyList<RoomSummary>> IRoomDirectoryGrain.ListAsync(int limit, CancellationToken cancellationToken)
    {
        var since = clock.UtcNow - Recent;
        IReadOnlyList<RoomSummary> rooms = State.Rooms.Values
            .Where(r => r.Viewers > 0 || r.CreatedAt >= since)
            .OrderByDescending(r => r.Viewers)
            .ThenByDescending(r => r.CreatedAt)
            .Take(limit)
            .Select(r => new RoomSummary(r.RoomId, r.Title, r.HostId, r.Viewers, r.Likes))
            .ToList();
        return Task.FromResult(rooms);
    }

    private Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return Task.CompletedTask;
        }

        _dirty = false;
        Prune();
        return WriteStateAsync();
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
