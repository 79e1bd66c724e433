using Orleans.Runtime;
using Orleans.Storage;

namespace Realtime.Grains.Tests.Support;

/// <summary>The silo's grain storage (Orleans' ADO.NET provider on the test's SQLite file) behind the test's <see cref="SiloFaults"/>.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, SiloFaults faults) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.BeforeRead();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.BeforeWrite(stateName);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.BeforeWrite(stateName);
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
