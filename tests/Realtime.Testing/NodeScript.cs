using System.Diagnostics;
using System.Text;

namespace Realtime.Testing;

/// <summary>Runs one of the web client's node scripts against a silo and captures its output.</summary>
public static class NodeScript
{
    /// <summary>Runs <c>node clients/web/{script}</c> with <c>REALTIME_URL</c> set; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, Uri silo, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "clients", "web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.Environment["REALTIME_URL"] = silo.ToString().TrimEnd('/');
        info.Environment["CHROMIUM_PATH"] = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                output.AppendLine($"(killed after {timeout.TotalSeconds} s)");
            }

            return (-1, output.ToString());
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
