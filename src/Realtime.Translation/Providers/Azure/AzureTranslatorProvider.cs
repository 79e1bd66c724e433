using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Realtime.Translation.Providers.Azure;

/// <summary>
/// Azure Translator Text v3 over its REST API (<c>POST /translate</c>, <c>GET /languages</c>).
/// Splits work into requests within the documented limits, retries 429 and 5xx with exponential
/// backoff and jitter (honouring <c>Retry-After</c>), and stops calling a failing service for a
/// while (circuit breaker). Glossary terms arrive as <c>mstrans:dictionary</c> markup and are sent
/// as they are. The subscription key is never logged nor put in an exception.
/// </summary>
public sealed class AzureTranslatorProvider : ITranslationProvider
{
    /// <summary>Translator v3: array elements per translate request.</summary>
    public const int MaxTextsPerRequest = 1_000;

    /// <summary>Translator v3: characters per translate request, counted across all target languages.</summary>
    public const int MaxCharactersPerRequest = 50_000;

    /// <summary>The longest <c>Retry-After</c> waited for; a live translation is worthless later than that.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private const int MaxErrorBodyChars = 4_096;

    private readonly HttpClient http;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly string? key;
    private readonly string? region;
    private readonly string? endpoint;
    private readonly string? notConfiguredReason;
    private readonly int maxAttempts;
    private readonly TimeSpan openFor;
    private readonly AzureCircuitBreaker breaker;
    private volatile AzureLanguageSet languages = AzureLanguageSet.BuiltIn;

    /// <param name="httpClient">Used for every call; owned by the caller (e.g. from IHttpClientFactory).</param>
    /// <param name="options">Endpoint, key, region, attempts and circuit settings; read once here.</param>
    /// <param name="logger">Never receives the key or the texts.</param>
    /// <param name="timeProvider">Clock and timers for backoff and the circuit breaker.</param>
    public AzureTranslatorProvider(
        HttpClient httpClient,
        IOptions<AzureTranslatorOptions> options,
        ILogger<AzureTranslatorProvider> logger,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        http = httpClient;
        this.logger = logger;
        time = timeProvider;

        var settings = options.Value;
        key = string.IsNullOrWhiteSpace(settings.Key) ? null : settings.Key.Trim();
        region = string.IsNullOrWhiteSpace(settings.Region) ? null : settings.Region.Trim();
        maxAttempts = Math.Max(1, settings.MaxAttempts);
        openFor = settings.CircuitBreakerOpenFor < TimeSpan.Zero ? TimeSpan.Zero : settings.CircuitBreakerOpenFor;
        breaker = new AzureCircuitBreaker(settings.CircuitBreakerFailures, openFor, timeProvider);

        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            notConfiguredReason = "no endpoint is set (Translation:Azure:Endpoint)";
        }
        else if (!Uri.TryCreate(settings.Endpoint.Trim(), UriKind.Absolute, out var uri)
                 || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                 || !string.IsNullOrEmpty(uri.Query))
        {
            notConfiguredReason = "the endpoint is not an absolute http(s) URL without a query (Translation:Azure:Endpoint)";
        }
        else if (key is null)
        {
            notConfiguredReason = "no subscription key is set (Translation:Azure:Key)";
        }
        else
        {
            endpoint = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
    }

    /// <inheritdoc />
    public string Name => "azure";

    /// <inheritdoc />
    public GlossaryMode GlossaryMode => GlossaryMode.Markup;

    /// <summary>True when an endpoint and a key are set; otherwise the provider supports nothing.</summary>
    public bool IsConfigured => endpoint is not null;

    /// <summary>
    /// Asks <c>GET /languages?api-version=3.0&amp;scope=translation</c> which languages Azure
    /// translates; keeps the built-in list when that fails. Never throws for a service problem.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (endpoint is null)
        {
            logger.NotConfigured(notConfiguredReason!);
            return;
        }

        try
        {
            // The language list needs no authentication, so the key is not sent.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{endpoint}/languages?api-version={AzureWire.ApiVersion}&scope=translation"));
            request.Headers.TryAddWithoutValidation(AzureWire.TraceHeader, Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                logger.LanguageDiscoveryFailed($"HTTP {(int)response.StatusCode}", AzureLanguageSet.BuiltIn.Count, null);
                return;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var codes = AzureWire.ReadTranslationLanguages(body);
            if (codes.Count == 0)
            {
                logger.LanguageDiscoveryFailed("the list is empty", AzureLanguageSet.BuiltIn.Count, null);
                return;
            }

            languages = new AzureLanguageSet(codes);
            logger.LanguagesDiscovered(codes.Count);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LanguageDiscoveryFailed(Scrub(e.GetType().Name + ": " + e.Message), AzureLanguageSet.BuiltIn.Count, null);
        }
    }

    /// <summary>
    /// True when the provider is configured and Azure translates from <paramref name="sourceLanguage"/>
    /// (null: detect) into <paramref name="targetLanguage"/>, and the two are not the same Azure language.
    /// </summary>
    public bool Supports(string? sourceLanguage, string targetLanguage)
    {
        if (endpoint is null)
        {
            return false;
        }

        var set = languages;
        var target = set.ToAzure(targetLanguage);
        if (target is null)
        {
            return false;
        }

        if (sourceLanguage is null)
        {
            return true;
        }

        var source = set.ToAzure(sourceLanguage);
        return source is not null && !string.Equals(source, target, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Translates every text, in as many requests as the limits need, and stitches the results in
    /// order. Empty texts are answered without a call. A text that is over the request limit on
    /// its own makes the whole call fail before anything is sent (the seam has no per-text error);
    /// <see cref="TranslateEachAsync"/> reports it for that text only.
    /// </summary>
    /// <exception cref="TranslationProviderException">Not configured, a language Azure does not
    /// translate, a text over the limit, a refused request (400/401/403), retries exhausted, or the
    /// circuit is open.</exception>
    public async Task<IReadOnlyList<ProviderTranslation>> TranslateAsync(ProviderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = Resolve(request);
        for (var i = 0; i < request.Texts.Count; i++)
        {
            var text = request.Texts[i] ?? string.Empty;
            if (AzureBatchPlanner.IsOverLimit(text, 1))
            {
                logger.TextOverLimit(i, text.Length, 1, MaxCharactersPerRequest);
                throw OverLimit(i, text.Length);
            }
        }

        var outcomes = await RunAsync(request.Texts, from, to, stopOnFailure: true, cancellationToken).ConfigureAwait(false);
        return Array.ConvertAll(outcomes, outcome => outcome.Translation!);
    }

    /// <summary>
    /// Like <see cref="TranslateAsync"/>, but a failure belongs to the texts it concerns: a text
    /// over the request limit fails alone (and is never sent), a batch that fails after its retries
    /// fails its own texts, and every other text is still translated.
    /// </summary>
    /// <exception cref="TranslationProviderException">Not configured, or a language Azure does not translate.</exception>
    public async Task<IReadOnlyList<AzureTextOutcome>> TranslateEachAsync(ProviderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = Resolve(request);
        return await RunAsync(request.Texts, from, to, stopOnFailure: false, cancellationToken).ConfigureAwait(false);
    }

    private (string? From, string To) Resolve(ProviderRequest request)
    {
        if (endpoint is null)
        {
            throw new TranslationProviderException(Name, $"not configured: {notConfiguredReason}");
        }

        var set = languages;
        var to = set.ToAzure(request.TargetLanguage)
                 ?? throw new TranslationProviderException(Name, $"Azure Translator does not translate into '{request.TargetLanguage}'.");
        string? from = null;
        if (request.SourceLanguage is not null)
        {
            from = set.ToAzure(request.SourceLanguage)
                   ?? throw new TranslationProviderException(Name, $"Azure Translator does not translate from '{request.SourceLanguage}'.");
        }

        return (from, to);
    }

    private async Task<AzureTextOutcome[]> RunAsync(
        IReadOnlyList<string> texts, string? from, string to, bool stopOnFailure, CancellationToken cancellationToken)
    {
        var outcomes = new AzureTextOutcome[texts.Count];
        var toSend = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? string.Empty;
            if (text.Length == 0)
            {
                outcomes[i] = new AzureTextOutcome(new ProviderTranslation(string.Empty, null), null);
            }
            else if (AzureBatchPlanner.IsOverLimit(text, 1))
            {
                logger.TextOverLimit(i, text.Length, 1, MaxCharactersPerRequest);
                outcomes[i] = new AzureTextOutcome(null, OverLimit(i, text.Length));
            }
            else
            {
                toSend.Add(i);
            }
        }

        foreach (var batch in AzureBatchPlanner.Plan(texts, toSend, 1))
        {
            var batchTexts = batch.ConvertAll(index => texts[index]);
            try
            {
                var translations = await SendBatchAsync(batchTexts, from, to, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[batch[i]] = new AzureTextOutcome(translations[i], null);
                }
            }
            catch (TranslationProviderException e) when (!stopOnFailure)
            {
                foreach (var index in batch)
                {
                    outcomes[index] = new AzureTextOutcome(null, e);
                }
            }
        }

        return outcomes;
    }

    /// <summary>One batch, with retries and the circuit breaker.</summary>
    private async Task<ProviderTranslation[]> SendBatchAsync(List<string> texts, string? from, string to, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(texts.ConvertAll(text => new AzureTextItem(text)), AzureWire.Options);
        var uri = TranslateUri(from, to);
        var characters = texts.Sum(text => (long)text.Length);
        Failure? last = null;
        for (var attempt = 1; ; attempt++)
        {
            if (!breaker.TryEnter(out var isTrial, out var retryAt))
            {
                logger.CircuitRefused(retryAt);
                throw CircuitOpen(retryAt, last);
            }

            var traceId = Guid.NewGuid();
            logger.Sending(traceId, texts.Count, characters, to);
            Attempt result;
            try
            {
                result = await SendOnceAsync(uri, body, traceId, texts.Count, to, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                breaker.OnAbandoned(isTrial);
                throw;
            }

            if (result.Translations is { } translations)
            {
                Report(breaker.OnSuccess(isTrial));
                return translations;
            }

            var failure = last = result.Failure!;
            Report(failure.CountsAgainstService ? breaker.OnFailure(isTrial) : breaker.OnSuccess(isTrial));
            if (!failure.Retryable)
            {
                logger.RequestFailed(traceId, failure.Description);
                throw Fail(failure, "not retried");
            }

            if (attempt >= maxAttempts)
            {
                logger.RequestFailed(traceId, failure.Description);
                throw Fail(failure, $"gave up after {attempt} attempt(s)");
            }

            var delay = failure.RetryAfter ?? Backoff(attempt);
            if (delay > MaxRetryAfter)
            {
                logger.RequestFailed(traceId, failure.Description);
                throw Fail(failure, $"Azure asked to retry after {delay.TotalSeconds:0} s, longer than the {MaxRetryAfter.TotalSeconds:0} s a live translation waits");
            }

            logger.Retrying(traceId, failure.Description, attempt, maxAttempts, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Attempt> SendOnceAsync(Uri uri, byte[] body, Guid traceId, int expected, string to, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation(AzureWire.KeyHeader, key);
        if (region is not null)
        {
            request.Headers.TryAddWithoutValidation(AzureWire.RegionHeader, region);
        }

        request.Headers.TryAddWithoutValidation(AzureWire.TraceHeader, traceId.ToString());
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(AzureWire.ContentType);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return Attempt.Failed(new Failure(null, null, null, null, traceId,
                $"network error: {Scrub(e.Message)} (X-ClientTraceId {traceId})", Retryable: true, CountsAgainstService: true, null, e));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Failed(new Failure(null, null, null, null, traceId,
                $"timed out (X-ClientTraceId {traceId})", Retryable: true, CountsAgainstService: true, null, e));
        }

        using (response)
        {
            var requestId = response.Headers.TryGetValues(AzureWire.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            var status = (int)response.StatusCode;
            try
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ReadTranslationsAsync(response, expected, to, traceId, requestId, cancellationToken).ConfigureAwait(false);
                }

                var text = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
                var (code, message) = AzureWire.ReadError(text);
                var retryable = status is 408 or 429 || status >= 500;
                return Attempt.Failed(new Failure(status, code, message is null ? null : Scrub(message), requestId, traceId,
                    Describe(status, code, message, requestId, traceId),
                    retryable,
                    CountsAgainstService: status != 400,
                    RetryAfter(response),
                    null));
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return Attempt.Failed(new Failure(status, null, null, requestId, traceId,
                    $"HTTP {status}, then the answer broke off: {Scrub(e.Message)} (X-ClientTraceId {traceId})",
                    Retryable: true, CountsAgainstService: true, null, e));
            }
        }
    }

    private async Task<Attempt> ReadTranslationsAsync(
        HttpResponseMessage response, int expected, string to, Guid traceId, string? requestId, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        List<AzureTranslateResult>? results;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            results = await JsonSerializer.DeserializeAsync<List<AzureTranslateResult>>(stream, AzureWire.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Attempt.Failed(Unreadable(status, requestId, traceId, "the body is not the documented JSON", e));
        }

        if (results is null || results.Count != expected)
        {
            return Attempt.Failed(Unreadable(status, requestId, traceId, $"{results?.Count ?? 0} results for {expected} texts", null));
        }

        var translations = new ProviderTranslation[expected];
        for (var i = 0; i < expected; i++)
        {
            var items = results[i]?.Translations;
            var item = items?.Find(candidate => string.Equals(candidate?.To, to, StringComparison.OrdinalIgnoreCase))
                       ?? items?.FirstOrDefault();
            if (item?.Text is null)
            {
                return Attempt.Failed(Unreadable(status, requestId, traceId, $"result {i} has no translation", null));
            }

            translations[i] = new ProviderTranslation(item.Text, AzureLanguageSet.FromAzure(results[i].DetectedLanguage?.Language));
        }

        return Attempt.Succeeded(translations);
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxErrorBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
        return new string(buffer, 0, read);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Exponential backoff with jitter: a random wait between half and all of 0.5 s x 2^(attempt-1), at most 8 s.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private Uri TranslateUri(string? from, string to)
    {
        var builder = new StringBuilder(endpoint).Append("/translate?api-version=").Append(AzureWire.ApiVersion);
        builder.Append("&to=").Append(Uri.EscapeDataString(to));
        if (from is not null)
        {
            builder.Append("&from=").Append(Uri.EscapeDataString(from));
        }

        return new Uri(builder.ToString());
    }

    private void Report(CircuitChange change)
    {
        switch (change)
        {
            case CircuitChange.Opened:
                logger.CircuitOpened(breaker.FailureThreshold, openFor);
                break;
            case CircuitChange.Reopened:
                logger.CircuitReopened(openFor);
                break;
            case CircuitChange.Closed:
                logger.CircuitClosed();
                break;
        }
    }

    private string Scrub(string text) =>
        key is null ? text : text.Replace(key, "[key]", StringComparison.Ordinal);

    private string Describe(int status, string? code, string? message, string? requestId, Guid traceId)
    {
        var builder = new StringBuilder("HTTP ").Append(status);
        if (code is not null)
        {
            builder.Append(", Azure error ").Append(code);
        }

        if (!string.IsNullOrWhiteSpace(message))
        {
            builder.Append(": ").Append(Scrub(message.Trim()));
        }

        builder.Append(" (");
        if (requestId is not null)
        {
            builder.Append("X-RequestId ").Append(requestId).Append(", ");
        }

        return builder.Append("X-ClientTraceId ").Append(traceId).Append(')').ToString();
    }

    private static Failure Unreadable(int status, string? requestId, Guid traceId, string what, Exception? inner) =>
        new(status, null, null, requestId, traceId,
            $"HTTP {status} with an answer that cannot be read: {what} (X-ClientTraceId {traceId})",
            Retryable: false, CountsAgainstService: true, null, inner);

    private TranslationProviderException Fail(Failure failure, string outcome)
    {
        var exception = new TranslationProviderException(Name, $"{failure.Description}; {outcome}.", failure.Inner);
        exception.Data["AzureStatusCode"] = failure.Status;
        exception.Data["AzureErrorCode"] = failure.Code;
        exception.Data["AzureErrorMessage"] = failure.Message;
        exception.Data["X-RequestId"] = failure.RequestId;
        exception.Data["X-ClientTraceId"] = failure.TraceId.ToString();
        return exception;
    }

    private TranslationProviderException CircuitOpen(DateTimeOffset retryAt, Failure? last)
    {
        var message = $"the circuit is open after {breaker.FailureThreshold} consecutive failed requests; no call until {retryAt:O}";
        if (last is not null)
        {
            message += $" (last failure: {last.Description})";
        }

        var exception = new TranslationProviderException(Name, message + ".");
        exception.Data["CircuitOpenUntil"] = retryAt;
        return exception;
    }

    private TranslationProviderException OverLimit(int index, int length) =>
        new(Name, $"text {index} has {length} characters, over Azure Translator's {MaxCharactersPerRequest}-character request limit; it was not sent.");

    private sealed record Failure(
        int? Status,
        string? Code,
        string? Message,
        string? RequestId,
        Guid TraceId,
        string Description,
        bool Retryable,
        bool CountsAgainstService,
        TimeSpan? RetryAfter,
        Exception? Inner);

    private readonly record struct Attempt(ProviderTranslation[]? Translations, Failure? Failure)
    {
        public static Attempt Succeeded(ProviderTranslation[] translations) => new(translations, null);

        public static Attempt Failed(Failure failure) => new(null, failure);
    }
}
