namespace Realtime.Translation.Tests.Apertium;

/// <summary>Keeps a broken test from hanging the run; not a performance assertion.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Generous);

    public static Task Within(this Task task) => task.WaitAsync(Generous);
}
