using System.Diagnostics;
using System.Text;

namespace Realtime.Testing;

/// <summary>
/// A real silo in its own process on a loopback port, with its own data folder, started the way
/// a user starts it. Kill it (SIGKILL) and start it again on the same folder to test crashes.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SiloProcess(string dataPath, int port, IReadOnlyDictionary<string, string> environment)
    {
        DataPath = dataPath;
        Port = port;
        Environment = environment;
    }

    /// <summary>The data folder (SQLite file, signing key).</summary>
    public string DataPath { get; }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>Extra environment variables (configuration keys).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The silo's base address.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo on a fresh data folder (or <paramref name="dataPath"/>) and waits until it is healthy.</summary>
    public static async Task<SiloProcess> StartAsync(
        string? dataPath = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        dataPath ??= Path.Combine(Path.GetTempPath(), "realtime-test-" + Guid.NewGuid().ToString("N"));
        var silo = new SiloProcess(dataPath, FreePort.Next(), environment ?? new Dictionary<string, string>());
        await silo.StartProcessAsync(cancellationToken);
        return silo;
    }

    /// <summary>Starts the same silo again (same folder and port) after it was killed or stopped.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <summary>SIGKILL: no shutdown hooks run, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUri.ToString().TrimEnd('/'));
        info.Environment["Realtime__DataPath"] = DataPath;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }

        _process?.Dispose();
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(cancellationToken);
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync(new Uri(BaseUri, "/healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            // Polling a process that is starting up: there is no event to await.
            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The silo did not become healthy:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
