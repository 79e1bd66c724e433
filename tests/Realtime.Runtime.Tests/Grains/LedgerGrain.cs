using Realtime.Runtime.Grains;
using Realtime.Runtime.Persistence;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests.Grains;

public sealed class LedgerState
{
    public List<string> Items { get; set; } = [];

    public long LastSeq { get; set; }
}

public interface ILedgerGrain : IGrain
{
    /// <summary>Appends an item (state + log + event) and answers after it is durable.</summary>
    Task<long> AppendAsync(string item);

    Task<IReadOnlyList<string>> ItemsAsync();

    Task<int> ActivationNumberAsync();

    Task<long> VersionAsync();

    /// <summary>Publishes an event and writes nothing.</summary>
    Task NoteAsync(string note);

    /// <summary>Changes state in memory only; the deactivation hook writes it.</summary>
    Task AddUnsavedAsync(string item);

    /// <summary>Asks for two commits in one turn, which the runtime refuses.</summary>
    Task WriteTwiceAsync();

    /// <summary>Each tick appends "tick:n" and writes.</summary>
    Task StartAppendingTimerAsync(TimeSpan period);
}

public sealed class LedgerGrain(Probe probe) : Grain<LedgerState>, ILedgerGrain
{
    public const string TypeName = "ledger";

    private int _number;
    private bool _dirty;
    private int _ticks;

    private string Topic => $"ledger/{GrainKey}";

    protected internal override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _number = probe.Activated(GrainKey);
        probe.Record($"activate:{GrainKey}:{_number}:{string.Join(",", State.Items)}");
        return probe.FailActivation.TryRemove(GrainKey, out var failure) ? FailAsync(failure) : Task.CompletedTask;

        async Task FailAsync(Exception e)
        {
            await probe.ArriveAt($"activate:{GrainKey}");
            throw e;
        }
    }

    protected internal override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"deactivate:{GrainKey}:{_number}");
        probe.Deactivated(GrainKey);
        if (!_dirty)
        {
            return Task.CompletedTask;
        }

        _dirty = false;
        return WriteStateAsync();
    }

    public async Task<long> AppendAsync(string item)
    {
        var seq = ++State.LastSeq;
        State.Items.Add(item);
        AppendLog(new LogRecord(seq, "item:" + item, $"\"{item}\""));
        Publish(Topic, "appended", item);
        await WriteStateAsync();
        return seq;
    }

    public Task<IReadOnlyList<string>> ItemsAsync() => Task.FromResult<IReadOnlyList<string>>([.. State.Items]);

    public Task<int> ActivationNumberAsync() => Task.FromResult(_number);

    public Task<long> VersionAsync() => Task.FromResult(Version);

    public Task NoteAsync(string note)
    {
        Publish(Topic, "note", note);
        return Task.CompletedTask;
    }

    public Task AddUnsavedAsync(string item)
    {
        State.Items.Add(item);
        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task WriteTwiceAsync()
    {
        State.Items.Add("twice");
        var first = WriteStateAsync();
        var second = WriteStateAsync();
        await Task.WhenAll(first, second);
    }

    public Task StartAppendingTimerAsync(TimeSpan period)
    {
        RegisterTimer(_ =>
        {
            var item = $"tick:{++_ticks}";
            State.Items.Add(item);
            Publish(Topic, "appended", item);
            return WriteStateAsync();
        }, period, period);
        return Task.CompletedTask;
    }
}
