using Realtime.Runtime.Grains;

namespace Realtime.Benchmarks.Grains;

public sealed class CounterState
{
    public long Total { get; set; }
}

/// <summary>A small grain: a read that touches memory only, and a write that commits.</summary>
public interface ICounterGrain : IGrain
{
    Task<long> ReadAsync();

    Task<long> AddAsync(long amount, CancellationToken cancellationToken = default);

    Task TouchAsync(string note);
}

public sealed class CounterGrain : Grain<CounterState>, ICounterGrain
{
    public const string TypeName = "bench-counter";

    private string _lastNote = string.Empty;

    public Task<long> ReadAsync() => Task.FromResult(State.Total);

    public async Task<long> AddAsync(long amount, CancellationToken cancellationToken = default)
    {
        State.Total += amount;
        await WriteStateAsync();
        return State.Total;
    }

    public Task TouchAsync(string note)
    {
        _lastNote = note;
        return Task.CompletedTask;
    }

    public override string ToString() => _lastNote;
}
