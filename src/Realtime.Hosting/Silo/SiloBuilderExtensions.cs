using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Contracts.Hub;
using Realtime.Grains;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Events;
using Realtime.Hosting.Fanout;
using Realtime.Hosting.Hashtags;
using Realtime.Hosting.Hubs;
using Realtime.Hosting.Likes;
using Realtime.Hosting.Metrics;
using Realtime.Hosting.Moderation;
using Realtime.Hosting.Presence;
using Realtime.Hosting.RateLimiting;
using Realtime.Hosting.Rest;
using Orleans.Runtime;
using Realtime.Storage;
using Realtime.Translation;

namespace Realtime.Hosting.Silo;

/// <summary>Composes a silo: what <c>Program.cs</c> calls.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds storage, the Orleans silo, the grains, auth, the hub and the silo's services.</summary>
    public static WebApplicationBuilder AddRealtimeSilo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection("Realtime"));

        // Open WebSockets never finish on their own; do not hold a stopping silo for 30 s.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("RateLimits"));
        services.AddRealtimeStorage(configuration);
        services.AddRealtimeFanout(configuration);
        services.AddSingleton<HubEventBridge>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<HubEventBridge>());
        builder.AddRealtimeOrleans();
        services.AddRealtimeTranslation(configuration, DataFolder.Resolve(configuration));
        services.AddRealtimeGrains();
        services.AddRealtimeAuth(configuration);
        services.AddRealtimeModerationHosting(configuration);
        services.AddSingleton<SiloIdentity>();
        services.AddSingleton<TopicPresence>();
        services.AddSingleton<RoomCatalog>();
        services.AddSingleton<KnownUsers>();
        services.AddSingleton<ReaderLanguageTracker>();
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<HubMetrics>();
        services.AddSingleton(_ => new HistogramCollector(["realtime_storage_write_seconds", "realtime_grain_commit_seconds"]));
        services.AddSingleton<OrleansMeterCollector>();
        services.AddSingleton<LikeAggregator>();
        services.AddHostedService(sp => sp.GetRequiredService<HubEventBridge>());
        services.AddHostedService(sp => sp.GetRequiredService<LikeAggregator>());
        services.AddHostedService<ViewerReporter>();
        services.AddRealtimeHashtags();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSignalR(hub =>
        {
            hub.AddFilter<ConnectionCountingHubFilter>();
            hub.AddFilter<ErrorTranslatingHubFilter>();
            hub.EnableDetailedErrors = false;
        }).AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new WellFormedStringConverter()));
        services.AddOptions<HubOptions>().Configure<IOptions<SiloOptions>>((hub, silo) => hub.MaximumReceiveMessageSize = silo.Value.MaximumReceiveMessageSize);
        builder.AddConnectionFootprint();
        return builder;
    }

    /// <summary>Maps the hub, REST, health, metrics and the web viewer.</summary>
    public static WebApplication MapRealtimeSilo(this WebApplication app)
    {
        // Listen to the latency histograms from the start, not from the first scrape.
        app.Services.GetRequiredService<HistogramCollector>();
        app.Services.GetRequiredService<OrleansMeterCollector>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseMiddleware<TransientFailureMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<LiveHub>(HubPaths.Live);
        app.MapAuthEndpoints();
        app.MapRoomEndpoints();
        app.MapNoteEndpoints();
        app.MapGlossaryEndpoints();
        app.MapModerationEndpoints();
        app.MapProductEndpoints();
        app.MapHashtagEndpoints();
        // A silo that is not (or no longer) an active member can host no grain: take it out of rotation.
        app.MapGet("/healthz", (IClusterMembershipService membership, ILocalSiloDetails local) =>
            membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active
                ? Results.Text("ok")
                : Results.Text("unavailable: this silo is not an active cluster member", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapRealtimeMetrics();
        app.MapRealtimeDashboard();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var silo = app.Services.GetRequiredService<SiloIdentity>();
            HostingLog.Listening(app.Logger, silo.Id, string.Join(", ", app.Urls));
        });
        return app;
    }
}
