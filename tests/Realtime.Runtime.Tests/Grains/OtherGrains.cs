using Realtime.Runtime.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests.Grains;

public interface IPinnedGrain : IGrain
{
    Task<int> ActivationNumberAsync();
}

/// <summary>A grain that refuses idle collection (like a room with viewers).</summary>
public sealed class PinnedGrain(Probe probe) : Grain, IPinnedGrain
{
    public const string TypeName = "pinned";

    private int _number;

    protected internal override bool CanDeactivate => false;

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
}

public interface ITickerGrain : IGrain
{
    Task StartAsync(TimeSpan period);

    Task StopAsync();

    Task<int> ActivationNumberAsync();

    Task WorkAsync();
}

/// <summary>Ticks record "tick:key:activation" and, like calls, mark themselves as running turns.</summary>
public sealed class TickerGrain(Probe probe) : Grain, ITickerGrain
{
    public const string TypeName = "ticker";

    private int _number;
    private IDisposable? _timer;

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

    public Task StartAsync(TimeSpan period)
    {
        _timer = RegisterTimer(TickAsync, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        probe.Record($"stopped:{GrainKey}:{_number}");
        return Task.CompletedTask;
    }

    public Task<int> ActivationNumberAsync() => Task.FromResult(_number);

    public async Task WorkAsync()
    {
        using (probe.EnterTurn())
        {
            await Task.Yield();
            await Task.Run(() => Thread.SpinWait(100));
            probe.Record("call");
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using (probe.EnterTurn())
        {
            await Task.Yield();
            await Task.Run(() => Thread.SpinWait(100));
            probe.Record($"tick:{GrainKey}:{_number}");
        }
    }
}

public interface IBaseGrain : IGrain
{
    Task<string> BaseNameAsync();
}

public interface IDerivedGrain : IBaseGrain
{
    Task<string> OwnNameAsync();
}

public sealed class DerivedGrain : Grain, IDerivedGrain
{
    public const string TypeName = "derived";

    public Task<string> BaseNameAsync() => Task.FromResult("base:" + GrainKey);

    public Task<string> OwnNameAsync() => Task.FromResult("own:" + GrainKey);
}

public interface IOverloadedGrain : IGrain
{
    Task DoAsync(int value);

    Task DoAsync(string value);
}

public sealed class OverloadedGrain : Grain, IOverloadedGrain
{
    public Task DoAsync(int value) => Task.CompletedTask;

    public Task DoAsync(string value) => Task.CompletedTask;
}

public interface ISynchronousGrain : IGrain
{
    int Compute();
}

public sealed class SynchronousGrain : Grain, ISynchronousGrain
{
    public int Compute() => 1;
}

public interface IUnregisteredGrain : IGrain
{
    Task PingAsync();
}
