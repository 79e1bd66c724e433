namespace Realtime.Translation;

/// <summary>Translation settings (section <c>Translation</c>).</summary>
public sealed class TranslationOptions
{
    /// <summary><c>auto</c> (every available provider, per pair), <c>azure</c>, <c>apertium</c>, <c>opencc</c> or <c>none</c>.</summary>
    public string Provider { get; set; } = "auto";

    /// <summary>Azure Translator v3.</summary>
    public AzureTranslatorOptions Azure { get; set; } = new();

    /// <summary>Apertium.</summary>
    public ApertiumOptions Apertium { get; set; } = new();

    /// <summary>Entries kept in the in-memory cache.</summary>
    public int MemoryCacheEntries { get; set; } = 100_000;
}
