namespace Realtime.Client.Tests;

public sealed class RealtimeHubExceptionTests
{
    [Theory]
    [InlineData("invalid: text is empty", "invalid", "text is empty")]
    [InlineData("rate_limited:too fast", "rate_limited", "too fast")]
    [InlineData("An unexpected error occurred invoking 'SendChat' on the server. HubException: banned: until 10:00", "banned", "until 10:00")]
    [InlineData("Failed to invoke 'X': bad", RealtimeHubException.UnknownCode, "Failed to invoke 'X': bad")]
    [InlineData("Invocation provides 1 argument(s) but target expects 2.", RealtimeHubException.UnknownCode, "Invocation provides 1 argument(s) but target expects 2.")]
    public void TheCodeIsThePartBeforeTheFirstColon(string message, string code, string detail)
    {
        var exception = new RealtimeHubException(message);

        Assert.Equal(code, exception.Code);
        Assert.Equal(detail, exception.Detail);
        Assert.Equal(message, exception.Message);
    }
}
