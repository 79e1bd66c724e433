using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// A silo of its own for note and inbox tests, with comment and reaction limits raised so tests
/// can post whole threads from few users (the limits themselves are tested on a strict silo).
/// </summary>
public sealed class NoteSiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>Limits high enough that no test here meets them.</summary>
    public static IReadOnlyDictionary<string, string> RaisedLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits__CommentBurst"] = "100000",
        ["RateLimits__CommentPerSecond"] = "100000",
        ["RateLimits__LikeBurst"] = "100000",
        ["RateLimits__LikePerSecond"] = "100000",
        ["RateLimits__ChatBurst"] = "100000",
        ["RateLimits__ChatPerSecond"] = "100000",
        ["RateLimits__ViewBurst"] = "100000",
        ["RateLimits__ViewPerSecond"] = "100000",
    };

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(environment: RaisedLimits);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
