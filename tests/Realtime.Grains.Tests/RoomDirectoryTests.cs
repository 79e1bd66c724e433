using Realtime.Contracts.Rooms;
using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>The room list: rooms report themselves to the directory grain from their ticks.</summary>
public sealed class RoomDirectoryTests() : RoomTestBase(shared: null)
{
    [Fact]
    public async Task The_directory_lists_created_rooms_with_most_viewers_first()
    {
        var quiet = await CreateRoomAsync("Quiet");
        var busy = await CreateRoomAsync("Busy");
        var middling = await CreateRoomAsync("Middling");
        await RoomsListedAsync(quiet, busy, middling);

        await ReportAsync(quiet, 1, busy, 5, middling, 3);

        var rooms = await ListedAsync(100, r => r.Sum(x => x.Viewers) == 9, "9 viewers in all");
        Assert.Equal([busy, middling, quiet], rooms.Select(r => r.RoomId));
        Assert.Equal([5L, 3, 1], rooms.Select(r => r.Viewers));
        Assert.Equal(["Busy", "Middling", "Quiet"], rooms.Select(r => r.Title));
        Assert.All(rooms, r => Assert.Equal(HostUser, r.HostId));
    }

    [Fact]
    public async Task The_directory_list_stops_at_the_limit()
    {
        var a = await CreateRoomAsync("A");
        var b = await CreateRoomAsync("B");
        var c = await CreateRoomAsync("C");
        await RoomsListedAsync(a, b, c);
        await ReportAsync(a, 2, b, 9, c, 4);
        await ListedAsync(100, r => r.Sum(x => x.Viewers) == 15, "15 viewers in all");

        var rooms = await Directory.ListAsync(2);

        Assert.Equal([b, c], rooms.Select(r => r.RoomId));
    }

    /// <summary>
    /// Waits for each room's first tick, which publishes the first roomCounters and sends the room's
    /// first directory update, then for the directory to list exactly these rooms.
    /// </summary>
    private async Task RoomsListedAsync(params string[] roomIds)
    {
        foreach (var roomId in roomIds)
        {
            await CountersAsync(roomId, _ => true, "a first tick");
        }

        var listed = await ListedAsync(100, r => r.Count >= roomIds.Length, $"{roomIds.Length} rooms");
        Assert.Equal(roomIds.Order(), listed.Select(r => r.RoomId).Order());
    }

    /// <summary>
    /// Reports viewers and waits until each room published them. Rooms refresh the directory at most
    /// once a second, so the clock is moved past that first; the tick that publishes the new count
    /// also sends the directory update.
    /// </summary>
    private async Task ReportAsync(string first, int firstViewers, string second, int secondViewers, string third, int thirdViewers)
    {
        Clock.Advance(TimeSpan.FromSeconds(5));
        foreach (var (roomId, viewers) in new[] { (first, firstViewers), (second, secondViewers), (third, thirdViewers) })
        {
            await Room(roomId).ReportViewersAsync("silo-a", viewers);
        }

        foreach (var (roomId, viewers) in new[] { (first, firstViewers), (second, secondViewers), (third, thirdViewers) })
        {
            await CountersAsync(roomId, (RoomCounters c) => c.Viewers == viewers, $"viewers {viewers}");
        }
    }

    /// <summary>
    /// The directory's list once it satisfies <paramref name="until"/> (bounded). A room's update is
    /// a call of its own, sent before its counters leave but not ordered with the test's calls to
    /// the directory, and no event tells that the directory took it: this asks until it shows.
    /// </summary>
    private async Task<IReadOnlyList<RoomSummary>> ListedAsync(int limit, Func<IReadOnlyList<RoomSummary>, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + EventRecorder.Timeout;
        while (true)
        {
            var rooms = await Directory.ListAsync(limit);
            if (until(rooms))
            {
                return rooms;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the directory never listed {what}; it lists [{string.Join(", ", rooms)}]");
            await Task.Delay(5);
        }
    }
}
