using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>One provider on the local apertium installation, shared by a test class.</summary>
public sealed class ApertiumLocalFixture : IAsyncLifetime
{
    public ApertiumProvider Provider { get; } = Create();

    public static ApertiumProvider Create(string command = "apertium", string modesDirectory = ApertiumInstallation.ModesDirectory) =>
        new(Options.Create(new ApertiumOptions { Command = command, ModesDirectory = modesDirectory }), NullLogger<ApertiumProvider>.Instance);

    public async Task InitializeAsync()
    {
        if (ApertiumInstallation.MissingReason is null)
        {
            await Provider.InitializeAsync().Within();
        }
    }

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
