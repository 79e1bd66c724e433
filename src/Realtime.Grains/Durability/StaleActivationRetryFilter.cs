using Orleans;

namespace Realtime.Grains.Durability;

/// <summary>
/// Retries a grain call that met a stale activation (see <see cref="StaleActivationException"/>):
/// by then that activation is deactivating, so the retry reaches a fresh one that reads the newer
/// state. Safe because a stale activation committed nothing of the refused call, and calls that
/// append items are deduplicated by their client ids anyway.
/// </summary>
public sealed class StaleActivationRetryFilter : IOutgoingGrainCallFilter
{
    private const int MaxAttempts = 3;

    /// <inheritdoc />
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
            }
            catch (StaleActivationException) when (attempt < MaxAttempts)
            {
                continue;
            }

            if (context.Response?.Exception is StaleActivationException && attempt < MaxAttempts)
            {
                continue;
            }

            return;
        }
    }
}
