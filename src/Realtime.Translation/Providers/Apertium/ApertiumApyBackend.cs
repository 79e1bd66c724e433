using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// An Apertium APY server: <c>GET /listPairs</c> for the directions, <c>POST /translate</c>
/// (form fields <c>langpair=eng|spa</c>, <c>q</c>, <c>markUnknown=no</c>, <c>format=txt</c>: chat
/// is plain text, not APY's default HTML) for each line of each text. APY translates one text per
/// request, so a batch becomes concurrent requests, at most
/// <see cref="MaxConcurrentRequests"/> at a time per provider; a connection failure or a 5xx is
/// tried once more.
/// </summary>
internal sealed partial class ApertiumApyBackend : IApertiumBackend
{
    /// <summary>Requests in flight to the server at once.</summary>
    public const int MaxConcurrentRequests = 4;

    private const string Provider = "apertium";
    private const int MaxAttempts = 2;
    private const int MaxErrorChars = 512;

    private readonly string baseUrl;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ILogger logger;
    private readonly SemaphoreSlim limiter = new(MaxConcurrentRequests, MaxConcurrentRequests);

    /// <param name="baseUrl">The server's base URL, without a trailing slash.</param>
    /// <param name="http">Used for every call.</param>
    /// <param name="ownsHttp">Dispose <paramref name="http"/> with the backend.</param>
    public ApertiumApyBackend(string baseUrl, HttpClient http, bool ownsHttp, ILogger logger)
    {
        this.baseUrl = baseUrl;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.logger = logger;
    }

    /// <inheritdoc />
    public ApertiumBackendKind Kind => ApertiumBackendKind.Apy;

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Source, string Target)>> DiscoverAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"{baseUrl}/listPairs"), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TranslationProviderException(Provider, $"GET /listPairs answered HTTP {(int)response.StatusCode}: {Shorten(body)}");
        }

        var pairs = new List<(string, string)>();
        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("responseData", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new TranslationProviderException(Provider, "GET /listPairs answered without a responseData list");
        }

        foreach (var pair in data.EnumerateArray())
        {
            if (pair.TryGetProperty("sourceLanguage", out var source) && source.ValueKind == JsonValueKind.String
                && pair.TryGetProperty("targetLanguage", out var target) && target.ValueKind == JsonValueKind.String
                && source.GetString() is { Length: > 0 } s && target.GetString() is { Length: > 0 } t)
            {
                pairs.Add((s, t));
            }
        }

        return pairs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> TranslateAsync(string source, string target, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // APY's txt formatter keeps a single line break as a blank inside the sentence, and the
        // structural transfer then moves words across it ("Hello world\nsecond line" comes back as
        // "Hola Segunda línea\nmundial"). So every line is sent as its own request and the line
        // breaks, with the spaces around them, are put back as they were.
        var pieces = new string[texts.Count][];
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = new List<(int Text, int Piece, Task<string> Translation)>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var (leading, core, trailing) = ApertiumStreamFormat.Split(texts[i] ?? string.Empty);
            var lines = LineBreaks().Split(core);
            pieces[i] = [leading, .. lines, trailing];
            for (var k = 1; k <= lines.Length; k += 2)
            {
                if (pieces[i][k].Length > 0)
                {
                    work.Add((i, k, TranslateOneAsync(source, target, pieces[i][k], failFast)));
                }
            }
        }

        try
        {
            await Task.WhenAll(work.Select(w => w.Translation)).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The first real failure explains the others (which were cancelled because of it).
            var failure = work.Select(w => w.Translation.Exception?.InnerException).OfType<TranslationProviderException>().FirstOrDefault();
            throw failure ?? new TranslationProviderException(Provider, "the APY requests were abandoned");
        }

        foreach (var (text, piece, translation) in work)
        {
            pieces[text][piece] = translation.Result;
        }

        return pieces.Select(p => string.Concat(p)).ToArray();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<string> TranslateOneAsync(string source, string target, string text, CancellationTokenSource failFast)
    {
        var cancellationToken = failFast.Token;
        var mode = $"{source}-{target}";
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var form = new FormUrlEncodedContent(
                [
                    new("langpair", $"{source}|{target}"),
                    new("q", text),
                    new("markUnknown", "no"),
                    new("format", "txt"),
                ]);
                using var response = await http.PostAsync(new Uri($"{baseUrl}/translate"), form, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    if (TryReadTranslation(body, out var translated, out var error))
                    {
                        return translated;
                    }

                    failure = error;
                }
                else
                {
                    failure = $"HTTP {(int)response.StatusCode}: {Shorten(body)}";
                }

                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.RequestTimeout)
                {
                    await failFast.CancelAsync().ConfigureAwait(false);
                    throw new TranslationProviderException(Provider, $"APY refused {mode}: {failure}");
                }
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {http.Timeout.TotalSeconds:0.#} s";
                if (attempt >= MaxAttempts)
                {
                    await failFast.CancelAsync().ConfigureAwait(false);
                    throw new TranslationProviderException(Provider, $"APY failed {mode}: {failure}", e);
                }
            }
            finally
            {
                limiter.Release();
            }

            ApertiumLog.ApyRequestFailed(logger, mode, failure, attempt, MaxAttempts);
            if (attempt >= MaxAttempts)
            {
                await failFast.CancelAsync().ConfigureAwait(false);
                throw new TranslationProviderException(Provider, $"APY failed {mode}: {failure}");
            }
        }
    }

    private static bool TryReadTranslation(string body, out string translated, out string error)
    {
        translated = string.Empty;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("responseData", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("translatedText", out var text) && text.ValueKind == JsonValueKind.String)
            {
                translated = text.GetString()!;
                error = string.Empty;
                return true;
            }

            error = $"an answer without responseData.translatedText: {Shorten(body)}";
            return false;
        }
        catch (JsonException)
        {
            error = $"an answer that is not JSON: {Shorten(body)}";
            return false;
        }
    }

    private static string Shorten(string body) => body.Length <= MaxErrorChars ? body : body[..MaxErrorChars] + "…";

    /// <summary>A line break and the whitespace around it; captured, so that splitting keeps it.</summary>
    [GeneratedRegex(@"([^\S\r\n\u2028\u2029]*[\r\n\u2028\u2029]\s*)")]
    private static partial Regex LineBreaks();
}
