using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Realtime.LoadGen;

/// <summary>Which server a run drives.</summary>
internal enum ServerKind
{
    /// <summary>Our silo, <c>silos/Realtime.Silo</c>.</summary>
    Silo,

    /// <summary>The plain-SignalR baseline, <c>clients/Realtime.Baseline</c>.</summary>
    Baseline,
}

/// <summary>
/// Starts the built silo (<c>silos/Realtime.Silo/bin/Release/net10.0/Realtime.Silo.dll</c>) on a
/// free loopback port with a temporary data folder and chat, like and comment rate limits raised so
/// the load generator is never limited, waits for <c>/healthz</c>, and kills it (and the translator
/// processes it started) when disposed. With <see cref="ServerKind.Baseline"/> it starts the
/// plain-SignalR baseline (<c>clients/Realtime.Baseline/bin/Release/net10.0/Realtime.Baseline.dll</c>)
/// the same way, with the same logging and environment settings; it has no rate limits or data.
/// Either is built in Release first when its dll is missing.
/// </summary>
internal sealed class SiloLauncher : IAsyncDisposable
{
    private const string SiloDll = "silos/Realtime.Silo/bin/Release/net10.0/Realtime.Silo.dll";
    private const string SiloProject = "silos/Realtime.Silo";
    private const string BaselineDll = "clients/Realtime.Baseline/bin/Release/net10.0/Realtime.Baseline.dll";
    private const string BaselineProject = "clients/Realtime.Baseline";
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly string _dataPath;
    private readonly Queue<string> _tail = new();

    private SiloLauncher(Process process, string dataPath, Uri baseUri)
    {
        _process = process;
        _dataPath = dataPath;
        BaseUri = baseUri;
    }

    /// <summary>The silo's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The silo's process id.</summary>
    public int Pid => _process.Id;

    /// <param name="http">For the health probe.</param>
    /// <param name="log">Progress.</param>
    /// <param name="kind">Our silo or the baseline.</param>
    /// <param name="siloDll">A silo build to start instead of the repository's (<c>--silo-dll</c>); ignored for the baseline.</param>
    /// <param name="translationProvider"><c>Translation__Provider</c>: <c>none</c> keeps translation out of the figures; <c>auto</c> uses what is installed.</param>
    /// <param name="extraEnvironment">Set last, so it may override the settings above (<c>--silo-env</c>).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<SiloLauncher> StartAsync(
        HttpClient http,
        TextWriter log,
        ServerKind kind,
        string? siloDll,
        string translationProvider,
        IReadOnlyDictionary<string, string> extraEnvironment,
        CancellationToken cancellationToken)
    {
        var root = RepoRoot.Find()
            ?? throw new InvalidOperationException("Realtime.sln not found above the current folder; run from the repository or pass --target.");
        var (relativeDll, project) = kind == ServerKind.Silo ? (SiloDll, SiloProject) : (BaselineDll, BaselineProject);
        var dll = kind == ServerKind.Silo && siloDll is not null ? siloDll : Path.Combine(root, relativeDll);
        if (!File.Exists(dll))
        {
            log.WriteLine($"{relativeDll} is missing; building it (dotnet build -c Release {project}) ...");
            await BuildAsync(root, project, dll, cancellationToken).ConfigureAwait(false);
        }

        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var dataPath = Path.Combine(Path.GetTempPath(), "realtime-loadgen-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataPath);

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.GetLeftPart(UriPartial.Authority));
        if (kind == ServerKind.Silo)
        {
            start.Environment["Realtime__DataPath"] = dataPath;
            start.Environment["RateLimits__ChatBurst"] = "1000000";
            start.Environment["RateLimits__ChatPerSecond"] = "1000000";
            start.Environment["RateLimits__LikeBurst"] = "1000000";
            start.Environment["RateLimits__LikePerSecond"] = "1000000";
            start.Environment["RateLimits__CommentBurst"] = "1000000";
            start.Environment["RateLimits__CommentPerSecond"] = "1000000";
            start.Environment["RateLimits__ReserveBurst"] = "1000000";
            start.Environment["RateLimits__ReservePerSecond"] = "1000000";
            start.Environment["RateLimits__ViewBurst"] = "1000000";
            start.Environment["RateLimits__ViewPerSecond"] = "1000000";
            start.Environment["Translation__Provider"] = translationProvider;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in extraEnvironment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var silo = new SiloLauncher(process, dataPath, baseUri);
        process.OutputDataReceived += (_, e) => silo.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitHealthyAsync(http, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await silo.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return silo;
    }

    /// <summary>The last lines the silo wrote (for diagnosing a failure).</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task BuildAsync(string root, string project, string dll, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[] { "build", "-c", "Release", project })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        await build.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0 || !File.Exists(dll))
        {
            throw new InvalidOperationException($"building {project} failed (exit code {build.ExitCode}).");
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var health = new Uri(BaseUri, "healthz");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the server exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the server was not healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
