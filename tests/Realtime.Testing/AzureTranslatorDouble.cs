using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realtime.Testing;

/// <summary>
/// A local stand-in for Azure Translator v3 (the one remote paid service), for end-to-end tests
/// that need more language pairs than the offline providers have. It answers <c>/translate</c>
/// with "[to] text" and counts every (text, target) pair it was asked for.
/// </summary>
public sealed class AzureTranslatorDouble : IAsyncDisposable
{
    public const string Key = "double-key";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Text, string To)> _pairs = new();

    private AzureTranslatorDouble(WebApplication app) => _app = app;

    /// <summary>The endpoint to configure as <c>Translation__Azure__Endpoint</c>.</summary>
    public Uri Endpoint => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first translation request arrives.</summary>
    public Task FirstRequest => _firstRequest.Task;

    /// <summary>When true, every translation request gets a 500 in Azure's error format.</summary>
    public bool Failing { get; set; }

    /// <summary>Every (text, target) pair requested so far.</summary>
    public IReadOnlyList<(string Text, string To)> Pairs => [.. _pairs];

    /// <summary>The settings that point a silo at this double.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["Translation__Provider"] = "azure",
        ["Translation__Azure__Endpoint"] = Endpoint.ToString().TrimEnd('/'),
        ["Translation__Azure__Key"] = Key,
        ["Translation__Azure__Region"] = "westeurope",
    };

    public static async Task<AzureTranslatorDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var double_ = new AzureTranslatorDouble(app);
        app.MapGet("/languages", () => Results.Json(new
        {
            translation = new Dictionary<string, object>
            {
                ["en"] = new { name = "English" },
                ["es"] = new { name = "Spanish" },
                ["fr"] = new { name = "French" },
                ["de"] = new { name = "German" },
                ["zh-Hans"] = new { name = "Chinese Simplified" },
                ["zh-Hant"] = new { name = "Chinese Traditional" },
            },
        }));
        app.MapPost("/translate", async (HttpRequest request) =>
        {
            if (request.Headers["Ocp-Apim-Subscription-Key"] != Key || request.Query["api-version"] != "3.0")
            {
                return Results.Json(new { error = new { code = 401000, message = "The request is not authorized." } }, statusCode: 401);
            }

            double_._firstRequest.TrySetResult();
            if (double_.Failing)
            {
                return Results.Json(new { error = new { code = 500000, message = "An unexpected error occurred." } }, statusCode: 500);
            }

            var targets = request.Query["to"].ToArray();
            using var body = await JsonDocument.ParseAsync(request.Body);
            var answer = body.RootElement.EnumerateArray().Select(element =>
            {
                var text = element.GetProperty("Text").GetString() ?? string.Empty;
                return new
                {
                    translations = targets.Select(to =>
                    {
                        double_._pairs.Enqueue((text, to!));
                        return new { text = $"[{to}] {text}", to };
                    }).ToArray(),
                };
            }).ToArray();
            return Results.Json(answer);
        });
        await app.StartAsync();
        return double_;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
