using Realtime.Grains.Tests.Support;

namespace Realtime.Grains.Tests;

/// <summary>Viewer reports from one silo can arrive out of order; the newer observation wins.</summary>
public sealed class RoomViewerReportOrderTests(ClusterFixture cluster) : RoomTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_report_that_arrives_after_a_newer_one_from_the_same_silo_is_ignored()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).ReportViewersAsync("silo-a", 2, version: 20);

        await Room(roomId).ReportViewersAsync("silo-a", 1, version: 10);

        Assert.Equal(2, (await Room(roomId).GetSummaryAsync())!.Viewers);
    }

    [Fact]
    public async Task A_newer_report_replaces_an_older_one()
    {
        var roomId = await CreateRoomAsync();
        await Room(roomId).ReportViewersAsync("silo-a", 2, version: 20);

        await Room(roomId).ReportViewersAsync("silo-a", 5, version: 21);
        await Room(roomId).ReportViewersAsync("silo-b", 1, version: 3);

        Assert.Equal(6, (await Room(roomId).GetSummaryAsync())!.Viewers);
    }
}
