namespace Realtime.LoadGen;

/// <summary>
/// Calls a load loop has started without waiting for them (sends, likes), kept so the loop can
/// wait for their answers at the end; completed ones are dropped now and then to bound the list.
/// </summary>
internal sealed class PendingCalls
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly List<Task> _calls = [];
    private int _pruneAt = 256;

    /// <summary>Adds a call, dropping the completed ones once the list has doubled since the last prune.</summary>
    public void Add(Task call)
    {
        _calls.Add(call);
        if (_calls.Count >= _pruneAt)
        {
            RemoveCompleted();
            _pruneAt = Math.Max(256, _calls.Count * 2);
        }
    }

    public void RemoveCompleted() => _calls.RemoveAll(static t => t.IsCompleted);

    /// <summary>Waits up to 10 s for every call to answer; logs <paramref name="stillMissing"/> if some did not.</summary>
    public async Task WaitAsync(TextWriter log, string stillMissing)
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        try
        {
            await Task.WhenAll(_calls).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.WriteLine(stillMissing);
        }
    }
}
