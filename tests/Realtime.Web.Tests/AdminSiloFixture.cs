using Realtime.Testing;

namespace Realtime.Web.Tests;

/// <summary>A silo with one operator (<c>Auth:Admins</c>), for the moderation page's tests.</summary>
public sealed class AdminSiloFixture : IAsyncLifetime
{
    /// <summary>The admin's user id; <c>tests/browser-moderation.mjs</c> signs in as this id by default.</summary>
    public const string AdminId = "moderator";

    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string>
    {
        ["Auth__Admins"] = AdminId,
        ["RateLimits__ChatBurst"] = "1000",
        ["RateLimits__ChatPerSecond"] = "1000",
    });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
