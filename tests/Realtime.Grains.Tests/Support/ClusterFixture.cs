namespace Realtime.Grains.Tests.Support;

/// <summary>
/// A database file, a clock and the cluster serving them now. Shared by the tests of a class (as
/// a class fixture) or owned by one test. A restart replaces the cluster by a new one on the same
/// file and service id: after an orderly stop, or after the old silos were killed.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "realtime-grains-tests", Guid.NewGuid().ToString("N"));
    private readonly string _serviceId = "grains-tests-" + Guid.NewGuid().ToString("N")[..8];

    public FakeClock Clock { get; } = new();

    /// <summary>How many silos each cluster of this fixture starts with.</summary>
    public short Silos { get; init; } = 1;

    public GrainCluster Cluster { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "grains.db");

    /// <summary>The service id every cluster of this fixture runs as (their stored state is shared).</summary>
    public string ServiceId => _serviceId;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(_folder);
        Cluster = await StartClusterAsync();
    }

    /// <summary>Another cluster on this fixture's file and service id (the caller disposes it).</summary>
    public Task<GrainCluster> StartClusterAsync() => GrainCluster.StartAsync(DatabasePath, _serviceId, Clock, Silos);

    /// <summary>Restarts the silos: in order (every activation deactivates) or by killing them.</summary>
    public async Task RestartAsync(bool crash)
    {
        if (crash)
        {
            await Cluster.KillAsync();
        }
        else
        {
            await Cluster.StopAsync();
        }

        Cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            // The file is thrown away: nothing needs to be written on the way out.
            await Cluster.KillAsync();
        }

        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
