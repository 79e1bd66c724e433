using System.Net;

namespace Realtime.LoadGen;

/// <summary>Runs one scenario: starts a silo unless given a target, shares one HTTP handler across every connection, prints the results.</summary>
internal static class LoadGenRunner
{
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

        SiloLauncher? silo = null;
        try
        {
            Uri baseUri;
            int? siloPid;
            if (options.Target is { } target)
            {
                baseUri = target;
                siloPid = options.SiloPid;
            }
            else
            {
                log.WriteLine("starting a silo ...");
                // Only the translation scenario translates; elsewhere a provider would only add noise.
                var provider = options.Scenario == "translation" ? "auto" : "none";
                silo = await SiloLauncher.StartAsync(probe, log, provider, options.SiloEnvironment, cancellationToken).ConfigureAwait(false);
                baseUri = silo.BaseUri;
                siloPid = silo.Pid;
                log.WriteLine($"silo pid {silo.Pid} at {silo.BaseUri}");
            }

            using var http = new HttpClient(handler, disposeHandler: false)
            {
                BaseAddress = baseUri,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var context = new ScenarioContext(options, baseUri, siloPid, invoker, http, log);
            switch (options.Scenario)
            {
                case "hot-room":
                    ResultWriter.Write(await new HotRoomScenario(context).RunAsync(cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "like-storm":
                    ResultWriter.Write(await new LikeStormScenario(context).RunAsync(cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "comments":
                    ResultWriter.Write(await new CommentsScenario(context).RunAsync(cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
                    break;
                case "translation":
                    ResultWriter.Write(await new TranslationScenario(context).RunAsync(cancellationToken).ConfigureAwait(false), options.Json, Console.Out);
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
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
