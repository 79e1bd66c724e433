using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Translation.Providers.Azure;

/// <summary>One element of the translate request body: <c>{"Text":"..."}</c>.</summary>
internal sealed record AzureTextItem([property: JsonPropertyName("Text")] string Text);

/// <summary>One element of the translate response.</summary>
internal sealed class AzureTranslateResult
{
    [JsonPropertyName("detectedLanguage")]
    public AzureDetectedLanguage? DetectedLanguage { get; set; }

    [JsonPropertyName("translations")]
    public List<AzureTranslationItem>? Translations { get; set; }
}

internal sealed class AzureDetectedLanguage
{
    [JsonPropertyName("language")]
    public string? Language { get; set; }

    [JsonPropertyName("score")]
    public double Score { get; set; }
}

internal sealed class AzureTranslationItem
{
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("to")]
    public string? To { get; set; }
}

/// <summary>Serialisation settings and the error body <c>{"error":{"code":401000,"message":"..."}}</c>.</summary>
internal static class AzureWire
{
    public const string ApiVersion = "3.0";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";
    public const string RegionHeader = "Ocp-Apim-Subscription-Region";
    public const string TraceHeader = "X-ClientTraceId";
    public const string RequestIdHeader = "X-RequestId";
    public const string ContentType = "application/json; charset=UTF-8";

    /// <summary>
    /// Non-ASCII text and markup (<c>&lt;mstrans:dictionary&gt;</c>) are written as they are rather
    /// than as <c>\uXXXX</c> escapes: the body is JSON over HTTP, never embedded in HTML, and CJK
    /// text stays half the size.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Azure's error code and message from an error body, when it has one.</summary>
    public static (string? Code, string? Message) ReadError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = null;
            if (error.TryGetProperty("code", out var codeElement))
            {
                code = codeElement.ValueKind switch
                {
                    JsonValueKind.Number or JsonValueKind.String => codeElement.ToString(),
                    _ => null,
                };
            }

            string? message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
                ? messageElement.GetString()
                : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The language codes of a <c>GET /languages?scope=translation</c> answer.</summary>
    public static List<string> ReadTranslationLanguages(Stream body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("translation", out var translation)
            || translation.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The answer has no \"translation\" object.");
        }

        return translation.EnumerateObject().Select(property => property.Name).ToList();
    }
}
