namespace Realtime.Runtime.Grains;

/// <summary>Hands out references to grains; a reference is cheap and activation happens on first call.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrain"/> with this key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrain;
}
