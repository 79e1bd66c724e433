namespace Realtime.Translation;

/// <summary>Azure Translator Text v3 (<c>Translation:Azure</c>); used when endpoint and key are set.</summary>
public sealed class AzureTranslatorOptions
{
    /// <summary>e.g. <c>https://api.cognitive.microsofttranslator.com</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The subscription key; never logged.</summary>
    public string? Key { get; set; }

    /// <summary>The resource's region, sent as <c>Ocp-Apim-Subscription-Region</c> when set.</summary>
    public string? Region { get; set; }

    /// <summary>Attempts per request on 429 and 5xx.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Consecutive failed requests that open the circuit.</summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit refuses calls before one is tried again.</summary>
    public TimeSpan CircuitBreakerOpenFor { get; set; } = TimeSpan.FromSeconds(30);
}
