using Realtime.Client;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>Asserts that a hub call fails with a contract error code.</summary>
public static class HubAssert
{
    public static async Task<RealtimeHubException> FailsWith(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RealtimeHubException>(call);
        Assert.True(code == e.Code, $"expected {code}: but got {e.Message}");
        Assert.StartsWith(code + ":", e.Message, StringComparison.Ordinal);
        return e;
    }
}
