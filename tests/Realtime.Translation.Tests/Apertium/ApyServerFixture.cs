using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Translation.Providers.Apertium;

namespace Realtime.Translation.Tests.Apertium;

/// <summary>
/// A real apertium-apy server on a free loopback port, serving the installed modes, and a
/// provider pointed at it. APY has no option to bind one interface, so it listens on all of them;
/// the provider talks to 127.0.0.1. Ready once <c>/listPairs</c> answers (bounded poll).
/// </summary>
public sealed class ApyServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
    private readonly List<string> output = [];
    private Process? server;

    public ApertiumProvider Provider { get; private set; } = null!;

    public string Url { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var apy = ApertiumInstallation.Find("apertium-apy");
        if (ApertiumInstallation.MissingReason is not null || apy is null)
        {
            return; // The tests skip themselves.
        }

        var port = FreeLoopbackPort();
        Url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo(apy)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), ApertiumInstallation.ModesDirectory })
        {
            info.ArgumentList.Add(argument);
        }

        server = new Process { StartInfo = info };
        server.OutputDataReceived += (_, e) => Remember(e.Data);
        server.ErrorDataReceived += (_, e) => Remember(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        await WaitUntilListeningAsync();

        Provider = new ApertiumProvider(Options.Create(new ApertiumOptions { Url = Url + "/" }), NullLogger<ApertiumProvider>.Instance);
        await Provider.InitializeAsync().Within();
    }

    public async Task DisposeAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        if (server is not null)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync().Within();
            server.Dispose();
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server!.HasExited)
            {
                throw new InvalidOperationException($"apertium-apy exited with code {server.ExitCode} before answering: {Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"{Url}/listPairs"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            if (deadline.Elapsed > StartupLimit)
            {
                throw new InvalidOperationException($"apertium-apy did not answer /listPairs within {StartupLimit.TotalSeconds} s: {Output()}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (output.Count > 40)
            {
                output.RemoveAt(0);
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return string.Join(Environment.NewLine, output);
        }
    }
}
