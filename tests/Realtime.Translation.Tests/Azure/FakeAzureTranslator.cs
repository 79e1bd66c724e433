using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Tests.Azure;

/// <summary>One request as the double received it.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string[]> Query,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string RawBody,
    IReadOnlyList<string> Texts,
    int Status)
{
    public string[] To => Query.TryGetValue("to", out var values) ? values : [];

    public string? From => Query.TryGetValue("from", out var values) ? values.Single() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Azure Translator v3 on loopback Kestrel. It checks every request the way the API documents
/// it (method, path, api-version, repeated <c>to</c>, <c>from</c>, headers, JSON body
/// <c>[{"Text":...}]</c>, 1,000 elements, 50,000 characters x targets); a violation is recorded
/// and answered 400 with Azure's error body. Otherwise it answers like Azure, or as scripted.
/// </summary>
internal sealed partial class FakeAzureTranslator : IAsyncDisposable
{
    public const string Key = "k3y-0f-the-test-subscr1pt10n-9d41c7";

    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<string> violations = [];
    private readonly Queue<ScriptedAnswer> script = new();
    private WebApplication? app;

    private FakeAzureTranslator()
    {
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The key Azure accepts; any other answers 401 like Azure.</summary>
    public string AcceptedKey { get; set; } = Key;

    /// <summary>The region header that must come with every request, or null when none may.</summary>
    public string? ExpectedRegion { get; set; } = "westeurope";

    /// <summary>Azure's language codes; <c>to</c> and <c>from</c> must be among them, and GET /languages lists them.</summary>
    public List<string> Languages { get; } =
        ["ar", "de", "en", "es", "fr", "it", "ja", "ko", "pt", "pt-pt", "ru", "th", "vi", "zh-Hans", "zh-Hant"];

    /// <summary>Status GET /languages answers with (200 lists <see cref="Languages"/>).</summary>
    public int LanguagesStatus { get; set; } = 200;

    /// <summary>The language Azure "detects" in a text.</summary>
    public Func<string, string> Detect { get; set; } =
        text => text.Any(c => c is >= '\u4e00' and <= '\u9fff') ? "zh-Hans" : "en";

    /// <summary>When set, every translate request that passes the checks is answered with this status.</summary>
    public int? FailEveryRequestWith { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> TranslateRequests => Requests.Where(r => r.Path == "/translate").ToList();

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate)
            {
                return [.. violations];
            }
        }
    }

    public static async Task<FakeAzureTranslator> StartAsync()
    {
        var fake = new FakeAzureTranslator();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.app = app;
        fake.Endpoint = new Uri(address);
        return fake;
    }

    /// <summary>The next translate request that passes the checks gets this answer instead of a translation.</summary>
    public void Answer(int status, int? azureCode = null, string? message = null, string? retryAfter = null)
    {
        lock (gate)
        {
            script.Enqueue(new ScriptedAnswer(status, azureCode ?? (status * 1000), message ?? DefaultMessage(status), retryAfter));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string raw;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            raw = await reader.ReadToEndAsync();
        }

        var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        var headers = request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var texts = new List<string>();
        int status;
        if (request.Path == "/languages")
        {
            CheckLanguagesRequest(request, query, problems);
            status = problems.Count > 0 ? 400 : LanguagesStatus;
            Record(request, query, headers, raw, texts, status, problems);
            if (problems.Count > 0)
            {
                await WriteErrorAsync(context, 400, 400000, "One of the request inputs is not valid. " + string.Join("; ", problems), null);
            }
            else if (status != 200)
            {
                await WriteErrorAsync(context, status, status * 1000, DefaultMessage(status), null);
            }
            else
            {
                var body = new JsonObject { ["translation"] = new JsonObject(Languages.Select(code => KeyValuePair.Create(code, (JsonNode?)new JsonObject { ["name"] = code, ["nativeName"] = code, ["dir"] = "ltr" }))) };
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(body.ToJsonString());
            }

            return;
        }

        CheckTranslateRequest(request, query, headers, raw, texts, problems);
        var keyHeader = headers.GetValueOrDefault("Ocp-Apim-Subscription-Key");
        ScriptedAnswer? scripted = null;
        if (problems.Count > 0)
        {
            status = 400;
        }
        else if (keyHeader != AcceptedKey)
        {
            status = 401;
        }
        else
        {
            lock (gate)
            {
                script.TryDequeue(out scripted);
            }

            status = scripted?.Status ?? FailEveryRequestWith ?? 200;
        }

        Record(request, query, headers, raw, texts, status, problems);
        context.Response.Headers["X-RequestId"] = Guid.NewGuid().ToString("N");
        if (problems.Count > 0)
        {
            await WriteErrorAsync(context, 400, 400000, "One of the request inputs is not valid. " + string.Join("; ", problems), null);
        }
        else if (status == 401)
        {
            await WriteErrorAsync(context, 401, 401000, DefaultMessage(401), null);
        }
        else if (scripted is not null)
        {
            await WriteErrorAsync(context, scripted.Status, scripted.AzureCode, scripted.Message, scripted.RetryAfter);
        }
        else if (status != 200)
        {
            await WriteErrorAsync(context, status, status * 1000, DefaultMessage(status), null);
        }
        else
        {
            var from = query.TryGetValue("from", out var f) ? f[0] : null;
            var answer = new JsonArray();
            foreach (var text in texts)
            {
                var item = new JsonObject();
                if (from is null)
                {
                    item["detectedLanguage"] = new JsonObject { ["language"] = Detect(text), ["score"] = 1.0 };
                }

                item["translations"] = new JsonArray(query["to"].Select(to => (JsonNode?)new JsonObject { ["text"] = Translate(text, to), ["to"] = to }).ToArray());
                answer.Add(item);
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
    }

    /// <summary>"to:text", with dynamic dictionary markup replaced by its translation as Azure does.</summary>
    public static string Translate(string text, string to) =>
        $"{to}:{DictionaryMarkup().Replace(text, match => match.Groups["translation"].Value)}";

    private void CheckLanguagesRequest(HttpRequest request, Dictionary<string, string[]> query, List<string> problems)
    {
        if (request.Method != "GET")
        {
            problems.Add($"/languages expects GET, got {request.Method}");
        }

        if (!query.TryGetValue("api-version", out var version) || version is not ["3.0"])
        {
            problems.Add("api-version must be given once, as 3.0");
        }
    }

    private void CheckTranslateRequest(
        HttpRequest request, Dictionary<string, string[]> query, Dictionary<string, string> headers, string raw, List<string> texts, List<string> problems)
    {
        if (request.Method != "POST")
        {
            problems.Add($"expected POST, got {request.Method}");
        }

        if (request.Path != "/translate")
        {
            problems.Add($"unknown path {request.Path}");
        }

        if (!query.TryGetValue("api-version", out var version) || version is not ["3.0"])
        {
            problems.Add("api-version must be given once, as 3.0");
        }

        if (!query.TryGetValue("to", out var to) || to.Length == 0)
        {
            problems.Add("no target language (to)");
            to = [];
        }

        foreach (var code in to)
        {
            if (!Languages.Contains(code))
            {
                problems.Add($"to={code} is not a language code Azure knows");
            }
        }

        if (query.TryGetValue("from", out var from) && (from.Length != 1 || !Languages.Contains(from[0])))
        {
            problems.Add($"from={string.Join(",", from)} must be one language code Azure knows");
        }

        if (query.TryGetValue("textType", out var textType) && textType is not ["plain"])
        {
            problems.Add("textType must be plain (or absent)");
        }

        foreach (var name in query.Keys.Except(["api-version", "to", "from", "textType"]))
        {
            problems.Add($"unexpected query parameter {name}");
        }

        if (!headers.ContainsKey("Ocp-Apim-Subscription-Key"))
        {
            problems.Add("no Ocp-Apim-Subscription-Key header");
        }

        var region = headers.GetValueOrDefault("Ocp-Apim-Subscription-Region");
        if (region != ExpectedRegion)
        {
            problems.Add($"Ocp-Apim-Subscription-Region is '{region}', expected '{ExpectedRegion}'");
        }

        if (!Guid.TryParse(headers.GetValueOrDefault("X-ClientTraceId"), out _))
        {
            problems.Add("X-ClientTraceId must be a GUID");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || contentType.MediaType != "application/json"
            || !string.Equals(contentType.CharSet, "UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Content-Type must be application/json; charset=UTF-8, got '{request.ContentType}'");
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add("the body must be a JSON array");
                return;
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object
                    || element.EnumerateObject().Count() != 1
                    || !element.TryGetProperty("Text", out var text)
                    || text.ValueKind != JsonValueKind.String)
                {
                    problems.Add("every element must be {\"Text\": \"...\"}");
                    return;
                }

                texts.Add(text.GetString()!);
            }
        }
        catch (JsonException e)
        {
            problems.Add("the body is not JSON: " + e.Message);
            return;
        }

        if (texts.Count is 0 or > 1000)
        {
            problems.Add($"{texts.Count} elements; 1 to 1,000 are allowed");
        }

        if (texts.FirstOrDefault(t => t.Length > 50_000) is { } tooLong)
        {
            problems.Add($"an element has {tooLong.Length} characters; 50,000 is the maximum");
        }

        var characters = texts.Sum(t => (long)t.Length) * Math.Max(1, to.Length);
        if (characters > 50_000)
        {
            problems.Add($"{characters} characters x targets; 50,000 is the maximum");
        }
    }

    private void Record(
        HttpRequest request, Dictionary<string, string[]> query, Dictionary<string, string> headers, string raw, List<string> texts, int status, List<string> problems)
    {
        lock (gate)
        {
            requests.Add(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, query, headers, request.ContentType, raw, texts, status));
            violations.AddRange(problems);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, int code, string message, string? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string DefaultMessage(int status) => status switch
    {
        400 => "One of the request inputs is not valid.",
        401 => "The request is not authorized because credentials are missing or invalid.",
        403 => "The request is not authorized.",
        429 => "The server rejected the request because the client has exceeded request limits.",
        503 => "The service is temporarily unavailable. Please retry.",
        _ => "An unexpected error occurred.",
    };

    [GeneratedRegex("<mstrans:dictionary translation=\"(?<translation>[^\"]*)\">[^<]*</mstrans:dictionary>")]
    private static partial Regex DictionaryMarkup();

    private sealed record ScriptedAnswer(int Status, int AzureCode, string Message, string? RetryAfter);
}
