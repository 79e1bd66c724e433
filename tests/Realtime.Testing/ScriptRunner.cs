using System.Diagnostics;

namespace Realtime.Testing;

/// <summary>Runs one of the repository's scripts (scripts/*.sh) and returns its last output line.</summary>
public static class ScriptRunner
{
    /// <summary>Runs <c>bash scripts/{script} {argument}</c>; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string script, string argument, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine("scripts", script));
        info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} {argument} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }

        return (await output).Trim().Split('\n').Last().Trim();
    }
}
