using System.Text.Json;
using Microsoft.Extensions.Logging;
using Realtime.Storage;

namespace Realtime.Translation.Caching;

/// <summary>
/// Translations kept in the silo's storage, so every silo (and a restarted one) reuses what any
/// silo paid a provider for. Entries are written once and never change (their key includes the
/// glossary version), so a conflicting second write simply means another silo was first.
/// </summary>
public sealed class TranslationStorageCache(IRealtimeStore storage, ILogger<TranslationStorageCache> logger)
{
    private const string GrainType = "translation";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TranslatedText?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await storage.ReadStateAsync(new StorageKey(GrainType, key), cancellationToken).ConfigureAwait(false);
            return stored is null ? null : JsonSerializer.Deserialize<TranslatedText>(stored.Json, Json);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TranslationLog.CacheStorageFailed(logger, e);
            return null;
        }
    }

    public async Task SetAsync(string key, TranslatedText value, CancellationToken cancellationToken)
    {
        try
        {
            await storage.WriteStateAsync(new StateWrite(new StorageKey(GrainType, key), JsonSerializer.Serialize(value, Json), 0, [], []), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TranslationLog.CacheStorageFailed(logger, e);
        }
    }
}
