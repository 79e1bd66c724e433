using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// A silo of its own for direct messages and moderation: one operator (<see cref="Admin"/>), one
/// verified business (<see cref="Business"/>), and limits raised so tests can send freely.
/// </summary>
public sealed class ModerationSiloFixture : IAsyncLifetime
{
    /// <summary>The operator's user id.</summary>
    public const string Admin = "moderator-1";

    /// <summary>A verified business's user id.</summary>
    public const string Business = "shop-1";

    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>(NoteSiloFixture.RaisedLimits)
        {
            ["Auth__Admins"] = Admin,
            ["Auth__Businesses"] = Business,
            ["RateLimits__DirectBurst"] = "100000",
            ["RateLimits__DirectPerSecond"] = "100000",
            ["RateLimits__ReportBurst"] = "100000",
            ["RateLimits__ReportPerSecond"] = "100000",
        };
        _silo = await SiloProcess.StartAsync(environment: environment);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
