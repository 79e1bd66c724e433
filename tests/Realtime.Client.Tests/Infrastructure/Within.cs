namespace Realtime.Client.Tests.Infrastructure;

/// <summary>Bounds every wait of a test so that a broken client fails the test instead of hanging it.</summary>
internal static class Within
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Bounded(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Bounded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);
}
