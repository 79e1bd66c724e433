// The runtime shows its internals to this project, so overrides of its protected internal hooks keep "internal".
using Realtime.Runtime.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests.Grains;

public sealed record Receipt(string Name, int Count, DateOnly Day);

/// <summary>A rule the grain enforces; callers must see this exact type.</summary>
public sealed class GrainRuleException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public interface IWorkerGrain : IGrain
{
    Task<int> ActivationNumberAsync();

    Task<int> AddAsync(int a, int b);

    Task<string> EchoAsync(string text);

    Task<Receipt> DescribeAsync(string name, int count);

    Task<string?> NothingAsync();

    Task PingAsync();

    Task<int> IncrementAsync();

    /// <summary>Awaits several times inside the turn and records "work:i".</summary>
    Task<int> TrackedWorkAsync(int i);

    Task FailAsync(string message);

    Task<int> FailSynchronouslyAsync(string message);

    Task FailWithTimeoutAsync();

    /// <summary>Waits at the named probe gate; records whether the token it got was ever cancelled.</summary>
    Task<string> WaitAtGateAsync(string gate, CancellationToken cancellationToken);

    Task DeactivateAfterThisCallAsync();
}

public sealed class WorkerGrain(Probe probe) : Grain, IWorkerGrain
{
    public const string TypeName = "worker";

    private int _number;
    private int _counter;

    protected internal override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _number = probe.Activated(GrainKey);
        return Task.CompletedTask;
    }

    protected internal override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        probe.Deactivated(GrainKey);
        return Task.CompletedTask;
    }

    public Task<int> ActivationNumberAsync() => Task.FromResult(_number);

    public Task<int> AddAsync(int a, int b) => Task.FromResult(a + b);

    public async Task<string> EchoAsync(string text)
    {
        await Task.Yield();
        return text;
    }

    public Task<Receipt> DescribeAsync(string name, int count) => Task.FromResult(new Receipt(name, count, new DateOnly(2026, 1, 2)));

    public Task<string?> NothingAsync() => Task.FromResult<string?>(null);

    public Task PingAsync() => Task.CompletedTask;

    public Task<int> IncrementAsync() => Task.FromResult(++_counter);

    public async Task<int> TrackedWorkAsync(int i)
    {
        using (probe.EnterTurn())
        {
            await Task.Yield();
            await Task.Run(() => Thread.SpinWait(200));
            await Task.Yield();
            probe.Record($"work:{i}");
        }

        return i;
    }

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new GrainRuleException("rule", message);
    }

    public Task<int> FailSynchronouslyAsync(string message) => throw new ArgumentOutOfRangeException(nameof(message), message);

    public async Task FailWithTimeoutAsync()
    {
        await Task.Yield();
        throw new TimeoutException("the grain's own dependency timed out");
    }

    public async Task<string> WaitAtGateAsync(string gate, CancellationToken cancellationToken)
    {
        probe.Record($"entered:{gate}");
        await probe.ArriveAt(gate);
        probe.Record($"finished:{gate}:{(cancellationToken.IsCancellationRequested ? "cancelled" : "live")}");
        return gate;
    }

    public Task DeactivateAfterThisCallAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
