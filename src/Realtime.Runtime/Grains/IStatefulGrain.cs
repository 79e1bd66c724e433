using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Grains;

/// <summary>The runtime's side of a grain with persistent state.</summary>
internal interface IStatefulGrain
{
    void Load(StoredState? stored);

    StateWrite PrepareWrite();

    void Committed(long version);
}
