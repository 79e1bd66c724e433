namespace Realtime.Translation.Providers;

/// <summary>A provider could not translate a request (after its own retries).</summary>
public sealed class TranslationProviderException(string provider, string message, Exception? inner = null)
    : Exception($"{provider}: {message}", inner)
{
    /// <summary>The provider's name.</summary>
    public string Provider { get; } = provider;
}
