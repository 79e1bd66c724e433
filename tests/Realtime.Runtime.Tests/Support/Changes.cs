namespace Realtime.Runtime.Tests.Support;

/// <summary>
/// A change notification the test doubles raise whenever they record something, so that a test
/// can wait for a condition to become true without polling on a clock.
/// </summary>
public sealed class Changes
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private TaskCompletionSource _next = NewSource();

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Completes when <paramref name="condition"/> holds; throws after the timeout.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            // Take the signal before testing, so a change between the test and the wait is not lost.
            var changed = Volatile.Read(ref _next).Task;
            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public static class TaskTestExtensions
{
    /// <summary>Awaits with the suite's generous timeout, so a hang fails instead of blocking the run.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Changes.DefaultTimeout);

    public static Task Within(this Task task) => task.WaitAsync(Changes.DefaultTimeout);
}
