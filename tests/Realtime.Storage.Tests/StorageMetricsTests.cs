using System.Diagnostics.Metrics;
using Realtime.Storage.Sqlite;

namespace Realtime.Storage.Tests;

public sealed class StorageMetricsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"realtime-storage-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task EveryWriteRecordsItsDurationAndOutcome()
    {
        using var metrics = new StorageMetrics();
        var recorded = new List<(string Instrument, double Seconds, object? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (recorded)
            {
                recorded.Add((instrument.Name, value, tags.ToArray().Single(tag => tag.Key == "outcome").Value));
            }
        });
        listener.Start();
        using var storage = new SqliteGrainStorage($"Data Source={Path.Combine(_folder, "grains.db")}", metrics: metrics);
        await storage.InitializeAsync();
        var grain = new StorageKey("room", "metrics");

        await storage.WriteStateAsync(new StateWrite(grain, "{}", 0, [], []));
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteStateAsync(new StateWrite(grain, "{}", 0, [], [])));

        Assert.Equal(StorageMetrics.MeterName, metrics.Meter.Name);
        Assert.Collection(
            recorded,
            ok => Assert.Equal((StorageMetrics.WriteSecondsName, "ok"), (ok.Instrument, ok.Outcome)),
            conflict => Assert.Equal((StorageMetrics.WriteSecondsName, "conflict"), (conflict.Instrument, conflict.Outcome)));
        Assert.All(recorded, measurement => Assert.True(measurement.Seconds >= 0));
    }
}
