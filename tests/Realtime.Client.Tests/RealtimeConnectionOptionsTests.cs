namespace Realtime.Client.Tests;

public sealed class RealtimeConnectionOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "ws://127.0.0.1:5000/hubs/live")]
    [InlineData("https://live.example.com/", "wss://live.example.com/hubs/live")]
    [InlineData("https://example.com/realtime/", "wss://example.com/realtime/hubs/live")]
    public void ForServerPointsAtTheLiveHubOverWebSockets(string server, string hub)
    {
        Assert.Equal(new Uri(hub), RealtimeConnectionOptions.ForServer(new Uri(server)).HubUri);
    }
}
