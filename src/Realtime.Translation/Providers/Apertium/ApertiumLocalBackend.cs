using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// The locally installed Apertium: directions are the <c>*.mode</c> files of the modes directory
/// (<c>eng-spa.mode</c>), each translated by one long-running <see cref="ApertiumPipeline"/>,
/// started on first use and kept until the provider is disposed.
/// </summary>
internal sealed class ApertiumLocalBackend : IApertiumBackend
{
    private const string Provider = "apertium";

    private readonly string command;
    private readonly string modesDirectory;
    private readonly TimeSpan responseTimeout;
    private readonly ILogger logger;
    private readonly string shell;
    private readonly Dictionary<string, string> environment;
    private readonly ConcurrentDictionary<string, ApertiumPipeline> pipelines = new(StringComparer.Ordinal);
    private volatile bool disposed;

    /// <param name="command">The resolved path of the <c>apertium</c> command; its directory holds the pipeline's tools.</param>
    /// <param name="modesDirectory">Where the <c>*.mode</c> files are.</param>
    /// <param name="responseTimeout">The longest wait for one answer of a pipeline.</param>
    public ApertiumLocalBackend(string command, string modesDirectory, TimeSpan responseTimeout, ILogger logger)
    {
        this.command = command;
        this.modesDirectory = modesDirectory;
        this.responseTimeout = responseTimeout;
        this.logger = logger;
        shell = FindOnPath("bash") ?? "/bin/sh";

        // As the apertium script does: its own directory first on PATH, and a UTF-8 character type.
        var toolDirectory = Path.GetDirectoryName(command);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = string.IsNullOrEmpty(toolDirectory) ? path : $"{toolDirectory}{Path.PathSeparator}{path}",
            ["LC_ALL"] = "C.UTF-8",
        };
    }

    /// <inheritdoc />
    public ApertiumBackendKind Kind => ApertiumBackendKind.Local;

    /// <summary>The running pipeline of a mode (<c>eng-spa</c>), if it was used.</summary>
    public ApertiumPipeline? Pipeline(string mode) => pipelines.GetValueOrDefault(mode);

    /// <summary>The <c>apertium</c> command on PATH (or at the given path), or null.</summary>
    public static string? FindCommand(string command) => FindOnPath(command);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string Source, string Target)>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var pairs = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(modesDirectory, "*.mode").Order(StringComparer.Ordinal))
        {
            // Translation modes are "<source>-<target>"; anything else (eng-spa-tagger) is a debug mode.
            var parts = Path.GetFileNameWithoutExtension(file).Split('-');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                pairs.Add((parts[0], parts[1]));
            }
        }

        return Task.FromResult<IReadOnlyList<(string Source, string Target)>>(pairs);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> TranslateAsync(string source, string target, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (disposed)
        {
            throw new TranslationProviderException(Provider, "the provider is shut down");
        }

        var results = new string[texts.Count];
        var parts = new (string Leading, string Core, string Trailing)[texts.Count];
        var sent = new List<int>(texts.Count);
        var streamTexts = new List<string>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            parts[i] = ApertiumStreamFormat.Split(texts[i] ?? string.Empty);
            if (parts[i].Core.Length == 0)
            {
                results[i] = texts[i] ?? string.Empty;
                continue;
            }

            sent.Add(i);
            streamTexts.Add(ApertiumStreamFormat.Encode(parts[i].Core));
        }

        if (sent.Count == 0)
        {
            return results;
        }

        var mode = $"{source}-{target}";
        var pipeline = pipelines.GetOrAdd(mode, CreatePipeline);
        string[] answers;
        try
        {
            answers = await pipeline.TranslateAsync(streamTexts, cancellationToken).ConfigureAwait(false);
        }
        catch (ApertiumPipelineException e)
        {
            throw new TranslationProviderException(Provider, e.Message, e);
        }
        catch (ObjectDisposedException e)
        {
            throw new TranslationProviderException(Provider, "the provider is shut down", e);
        }

        for (var k = 0; k < sent.Count; k++)
        {
            var (leading, _, trailing) = parts[sent[k]];
            results[sent[k]] = leading + ApertiumStreamFormat.Decode(answers[k]) + trailing;
        }

        return results;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var pipeline in pipelines.Values)
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ApertiumPipeline CreatePipeline(string mode) =>
        new(mode, ct => NullFlushScriptAsync(mode, ct), shell, environment, responseTimeout, logger);

    /// <summary>
    /// The mode's pipeline with every stage in null-flush mode. <c>apertium-wblank-mode -z</c> writes
    /// it the way the apertium script runs it (with the word-bound blank stages); without that tool,
    /// <c>-z</c> is put after the program name of every stage of the mode file.
    /// </summary>
    private async Task<string> NullFlushScriptAsync(string mode, CancellationToken cancellationToken)
    {
        var modeFile = Path.Combine(modesDirectory, mode + ".mode");
        if (!File.Exists(modeFile))
        {
            throw new ApertiumPipelineException($"the mode file {modeFile} is missing");
        }

        var wblankMode = FindSibling("apertium-wblank-mode");
        string reason;
        if (wblankMode is null)
        {
            reason = "apertium-wblank-mode is not installed";
        }
        else
        {
            try
            {
                var (exitCode, output) = await RunAsync(wblankMode, ["-z", modeFile], cancellationToken).ConfigureAwait(false);
                if (exitCode == 0 && output.Contains('|', StringComparison.Ordinal))
                {
                    return output.Trim();
                }

                reason = $"apertium-wblank-mode exited with code {exitCode}";
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                reason = $"apertium-wblank-mode cannot run ({e.Message})";
            }
        }

        ApertiumLog.WblankModeUnavailable(logger, mode, reason);
        var stages = (await File.ReadAllTextAsync(modeFile, cancellationToken).ConfigureAwait(false)).Trim().Split('|');
        for (var i = 0; i < stages.Length; i++)
        {
            var stage = stages[i].Trim();
            var space = stage.IndexOf(' ', StringComparison.Ordinal);
            var program = space < 0 ? stage : stage[..space];
            var rest = space < 0 ? string.Empty : stage[space..];
            stages[i] = rest.Contains(" -z", StringComparison.Ordinal) ? stage : $"{program} -z{rest}";
        }

        return string.Join(" | ", stages);
    }

    private string? FindSibling(string tool)
    {
        var directory = Path.GetDirectoryName(command);
        if (!string.IsNullOrEmpty(directory))
        {
            var sibling = Path.Combine(directory, tool);
            if (File.Exists(sibling))
            {
                return sibling;
            }
        }

        return FindOnPath(tool);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new ApertiumPipelineException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await errors.ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false));
    }

    private static string? FindOnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
