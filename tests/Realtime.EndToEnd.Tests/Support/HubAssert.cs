using Realtime.Client;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// Asserts that a hub call is refused with a contract error code. SignalR puts its own sentence
/// before a <c>HubException</c>'s message on the wire ("An unexpected error occurred invoking 'X'
/// on the server. HubException: code: detail"), so this checks the code the client parsed, that the
/// server's text carries <c>code:</c>, and that a detail explains it.
/// </summary>
public static class HubAssert
{
    public static async Task<RealtimeHubException> FailsWith(string code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RealtimeHubException>(call);
        Assert.True(code == e.Code, $"expected {code}: but got {e.Message}");
        Assert.Contains(code + ":", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Detail), $"no detail in {e.Message}");
        return e;
    }
}
