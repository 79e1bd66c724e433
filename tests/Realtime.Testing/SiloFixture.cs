namespace Realtime.Testing;

/// <summary>An xunit class fixture: one silo shared by the tests of a class.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloProcess? _silo;

    /// <summary>The running silo.</summary>
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string>
    {
        // Tests send in bursts from few users; the limits have their own tests.
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
