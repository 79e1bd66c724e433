using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Glossary;

/// <summary>
/// The glossary kept in <c>glossary.json</c> in the data folder: read at start (created with the
/// defaults when missing), replaced atomically on every change, which bumps its version.
/// </summary>
public sealed class GlossaryStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _path;
    private readonly Lock _gate = new();
    private GlossaryDocument _current;

    /// <summary>Opens the glossary file in <paramref name="dataPath"/>.</summary>
    public GlossaryStore(string dataPath, ILogger<GlossaryStore> logger)
    {
        _path = Path.Combine(dataPath, "glossary.json");
        _current = Load(_path, logger);
    }

    /// <summary>The glossary now; an immutable snapshot.</summary>
    public GlossaryDocument Current => Volatile.Read(ref _current);

    /// <summary>Adds or replaces the entry for (source language, term).</summary>
    public GlossaryDocument Upsert(GlossaryEntry entry) => Change(doc => doc with
    {
        Entries = [.. doc.Entries.Where(e => !(e.SourceLanguage == entry.SourceLanguage && e.Term == entry.Term)), entry],
    });

    /// <summary>Removes an entry; false when there was none.</summary>
    public bool Remove(string sourceLanguage, string term)
    {
        var found = Current.Entries.Any(e => e.SourceLanguage == sourceLanguage && e.Term == term);
        if (found)
        {
            Change(doc => doc with { Entries = [.. doc.Entries.Where(e => !(e.SourceLanguage == sourceLanguage && e.Term == term))] });
        }

        return found;
    }

    /// <summary>Adds or replaces a kept term.</summary>
    public GlossaryDocument Keep(KeptTerm kept) => Change(doc => doc with
    {
        Keep = [.. doc.Keep.Where(k => k.Term != kept.Term), kept],
    });

    /// <summary>Stops keeping a term; false when it was not kept.</summary>
    public bool Unkeep(string term)
    {
        var found = Current.Keep.Any(k => k.Term == term);
        if (found)
        {
            Change(doc => doc with { Keep = [.. doc.Keep.Where(k => k.Term != term)] });
        }

        return found;
    }

    private GlossaryDocument Change(Func<GlossaryDocument, GlossaryDocument> change)
    {
        lock (_gate)
        {
            var next = change(_current) with { Version = _current.Version + 1 };
            var temp = _path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(next, Json));
            File.Move(temp, _path, overwrite: true);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    private static GlossaryDocument Load(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(GlossaryDocument.Default, Json));
            return GlossaryDocument.Default;
        }

        try
        {
            var document = JsonSerializer.Deserialize<GlossaryDocument>(File.ReadAllText(path), Json) ?? GlossaryDocument.Default;

            // Valid JSON is not yet a glossary: a missing list or term would fail every translation later.
            if (document.Entries is null || document.Keep is null
                || document.Entries.Any(e => e?.SourceLanguage is null || e.Term is null || e.Translations is null)
                || document.Keep.Any(k => k?.Term is null || k.Note is null))
            {
                throw new JsonException("The glossary lacks entries or keep, or has an entry or kept term without its fields.");
            }

            return document;
        }
        catch (JsonException e)
        {
            TranslationLog.GlossaryUnreadable(logger, path, e);
            return GlossaryDocument.Default;
        }
    }
}
