using System.Diagnostics;
using System.Globalization;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>
/// A PostgreSQL server of this test run only (initdb in a temporary folder, its own loopback port),
/// started and stopped with <c>pg_ctl</c> the way <c>pg_ctlcluster</c> does (fast shutdown). Tests
/// that restart the database use it so that other test runs on the machine, which share the
/// server of <c>scripts/postgres.sh</c>, never see it go away. Runs the server as the
/// <c>postgres</c> user when the tests run as root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgres;

    private PrivatePostgres(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
        _asPostgres = Environment.UserName == "root";
    }

    public int Port { get; }

    /// <summary>The superuser's connection string (trust authentication on loopback).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Creates the server's folder with initdb and starts it.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("no PostgreSQL server under /usr/lib/postgresql (scripts/install-test-deps.sh installs it)");
        }

        var folder = Path.Combine(Path.GetTempPath(), "realtime-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgres(folder, bin, FreePort.Next());
        if (server._asPostgres)
        {
            await server.RunAsync("chown", ["postgres", folder], asPostgres: false);
        }

        await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public Task StartServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
    [
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=300",
    ]);

    /// <summary>Stops the server the way <c>pg_ctlcluster stop</c> does: fast shutdown, sessions cut.</summary>
    public Task StopServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool? asPostgres = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres ?? _asPostgres)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
