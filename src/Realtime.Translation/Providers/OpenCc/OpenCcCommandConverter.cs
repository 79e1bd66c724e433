using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// The <c>opencc -c &lt;config&gt;</c> command, used when libopencc cannot be loaded: one process
/// per text (stdin to stdout, which keeps line breaks and adds none), at most
/// <see cref="MaxConcurrentProcesses"/> at a time.
/// </summary>
internal sealed class OpenCcCommandConverter(string command, string config) : IOpenCcConverter
{
    /// <summary>Conversions running at once, across all requests of this configuration.</summary>
    public const int MaxConcurrentProcesses = 4;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim limiter = new(MaxConcurrentProcesses, MaxConcurrentProcesses);

    /// <inheritdoc />
    public string Config => config;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ConvertAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var work = new Task<string>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            work[i] = ConvertOneAsync(texts[i] ?? string.Empty, cancellationToken);
        }

        return await Task.WhenAll(work).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => limiter.Dispose();

    private async Task<string> ConvertOneAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return text;
        }

        await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = new ProcessStartInfo(command)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Utf8,
                StandardErrorEncoding = Utf8,
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(config);

            using var process = new Process { StartInfo = info };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new OpenCcException($"{command} cannot start: {e.Message}", e);
            }

            try
            {
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                await using (var input = process.StandardInput.BaseStream)
                {
                    await input.WriteAsync(Utf8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                }

                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                var converted = await output.ConfigureAwait(false);
                var error = await errors.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new OpenCcException($"{command} -c {config} exited with code {process.ExitCode}: {error.Trim()}");
                }

                return converted;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                if (e is OperationCanceledException)
                {
                    throw;
                }

                throw new OpenCcException($"{command} -c {config} failed: {e.Message}", e);
            }
        }
        finally
        {
            limiter.Release();
        }
    }
}
