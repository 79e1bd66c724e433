namespace Realtime.Client.Tests;

public sealed class ReconnectPolicyTests
{
    [Fact]
    public void TheDefaultPolicyWaitsZeroHalfOneTwoAndFiveSecondsThenFiveSecondsForEver()
    {
        var delays = Enumerable.Range(0, 8).Select(i => ReconnectPolicy.Default.GetDelay(i)).ToArray();

        Assert.Equal(
            [0, 0.5, 1, 2, 5, 5, 5, 5],
            delays.Select(delay => delay!.Value.TotalSeconds));
    }

    [Fact]
    public void APolicyWithoutARepeatGivesUpAfterItsDelays()
    {
        var policy = new ReconnectPolicy([TimeSpan.FromSeconds(1)]);

        Assert.Equal(TimeSpan.FromSeconds(1), policy.GetDelay(0));
        Assert.Null(policy.GetDelay(1));
    }

    [Fact]
    public void JitterKeepsEveryDelayWithinItsBand()
    {
        var policy = new ReconnectPolicy([TimeSpan.FromSeconds(10)], TimeSpan.FromSeconds(10)) { Jitter = 0.2 };

        for (var i = 0; i < 200; i++)
        {
            var delay = policy.GetDelay(i)!.Value;
            Assert.InRange(delay, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
        }
    }

    [Fact]
    public void NegativeDelaysAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy([TimeSpan.FromSeconds(-1)]));
    }
}
