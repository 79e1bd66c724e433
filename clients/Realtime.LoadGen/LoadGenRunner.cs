using System.Net;

namespace Realtime.LoadGen;

/// <summary>
/// Runs one scenario: starts a silo unless given a target, shares one HTTP handler across every
/// connection, prints the results. With <c>--compare</c> it runs the scenario twice, against our
/// silo and against the plain-SignalR baseline, each started fresh and stopped after its run.
/// </summary>
internal static class LoadGenRunner
{
    /// <summary>The pause between the two runs of a comparison, so the first server's exit and the closed sockets settle.</summary>
    private static readonly TimeSpan BetweenRuns = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(LoadGenOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Error;
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var probe = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(10) };
        var run = new Runner(options, handler, invoker, probe, log);
        try
        {
            if (options.Compare)
            {
                await CompareAsync(run, options, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            switch (options.Scenario)
            {
                case "hot-room":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new HotRoomScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "like-storm":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new LikeStormScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "comments":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new CommentsScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "translation":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new TranslationScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "flash-sale":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new FlashSaleScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "topic-surge":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new TopicSurgeScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "idle":
                    ResultWriter.Write(await run.OnAsync(ServerKind.Silo, c => new IdleScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or Realtime.Client.RealtimeApiException)
        {
            log.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task CompareAsync(Runner run, LoadGenOptions options, CancellationToken cancellationToken)
    {
        var order = options.BaselineFirst ? "baseline, then realtime" : "realtime, then baseline";
        if (options.Scenario == "hot-room")
        {
            var (ours, baseline) = await BothAsync(run, options, c => new HotRoomScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            ResultWriter.Write(
                new Comparison<HotRoomResult>(options.Scenario, order, "deliveries per silo CPU-second", ours, baseline, Ratios.HotRoom(ours, baseline)),
                options.Json,
                Console.Out);
        }
        else
        {
            var (ours, baseline) = await BothAsync(run, options, c => new IdleScenario(c).RunAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            ResultWriter.Write(
                new Comparison<IdleResult>(options.Scenario, order, "KiB of server RSS per idle connection", ours, baseline, Ratios.Idle(ours, baseline)),
                options.Json,
                Console.Out);
        }
    }

    private static async Task<(T Ours, T Baseline)> BothAsync<T>(
        Runner run, LoadGenOptions options, Func<ScenarioContext, Task<T>> scenario, CancellationToken cancellationToken)
    {
        var first = options.BaselineFirst ? ServerKind.Baseline : ServerKind.Silo;
        var second = options.BaselineFirst ? ServerKind.Silo : ServerKind.Baseline;
        var a = await run.OnAsync(first, scenario, cancellationToken).ConfigureAwait(false);
        await Task.Delay(BetweenRuns, cancellationToken).ConfigureAwait(false);
        var b = await run.OnAsync(second, scenario, cancellationToken).ConfigureAwait(false);
        return options.BaselineFirst ? (b, a) : (a, b);
    }

    /// <summary>Runs scenarios against a server: the <c>--target</c>, or one it starts and stops around the run.</summary>
    private sealed class Runner(LoadGenOptions options, SocketsHttpHandler handler, HttpMessageInvoker invoker, HttpClient probe, TextWriter log)
    {
        public async Task<T> OnAsync<T>(ServerKind kind, Func<ScenarioContext, Task<T>> scenario, CancellationToken cancellationToken)
        {
            SiloLauncher? server = null;
            try
            {
                Uri baseUri;
                int? pid;
                if (options.Target is { } target)
                {
                    baseUri = target;
                    pid = options.SiloPid;
                }
                else
                {
                    var name = kind == ServerKind.Silo ? "silo" : "plain-SignalR baseline";
                    log.WriteLine($"starting the {name} ...");

                    // Only the translation scenario translates; elsewhere a provider would only add noise.
                    var provider = options.Scenario == "translation" ? "auto" : "none";
                    server = await SiloLauncher.StartAsync(probe, log, kind, options.SiloDll, provider, options.SiloEnvironment, cancellationToken).ConfigureAwait(false);
                    baseUri = server.BaseUri;
                    pid = server.Pid;
                    log.WriteLine($"{name} pid {server.Pid} at {server.BaseUri}{(kind == ServerKind.Silo && options.SiloDll is { } dll ? " from " + dll : string.Empty)}");
                }

                using var http = new HttpClient(handler, disposeHandler: false)
                {
                    BaseAddress = baseUri,
                    Timeout = TimeSpan.FromSeconds(30),
                };
                var context = new ScenarioContext(options, baseUri, pid, invoker, http, log, kind);
                return await scenario(context).ConfigureAwait(false);
            }
            finally
            {
                if (server is not null)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
