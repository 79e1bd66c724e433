using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Providers.Apertium;

/// <summary>
/// One long-running Apertium pipeline for one mode (<c>eng-spa</c>), fed in null-flush mode: each
/// text goes in followed by <c>\0</c> and its translation comes out followed by <c>\0</c>, so the
/// ~0.3 s start-up cost of the pipeline is paid once, not per message.
/// <para>
/// Why not <c>apertium -u -z eng-spa</c>: on Debian's apertium 3.8.3 the wrapper script does not
/// null-flush a persistent stream. In the default txt format <c>apertium-destxt</c> drops the
/// <c>\0</c>; with <c>-f none</c> the wrapper's gawk filters (regex record separator) hold every
/// record back until the next one arrives, so an answer comes out only when the next text goes in.
/// The pipeline itself (the mode file with <c>-z</c> on every stage, as
/// <c>apertium-wblank-mode -z</c> writes it) null-flushes correctly, so this class runs exactly that
/// under one shell, with <c>$1 = -n</c> (the generator's "no unknown-word marks", which is what
/// <c>apertium -u</c> passes) and does the text formatting itself (<see cref="ApertiumStreamFormat"/>).
/// </para>
/// <para>
/// Each frame ends with a superblank carrying a sequence number (<c>[#17]</c>); superblanks pass
/// through untouched, so every answer is checked against the text it belongs to and a pipeline
/// that ever gets out of step is replaced rather than trusted. Requests are serialised per
/// pipeline; a batch is written by one task while another reads, so all its texts are in the
/// pipeline at once without risking a pipe deadlock. A pipeline that dies is started again and
/// the unanswered texts are sent once more; one that stops answering is killed.
/// </para>
/// </summary>
internal sealed class ApertiumPipeline : IAsyncDisposable
{
    private const int MaxStderrLines = 20;

    private readonly string mode;
    private readonly Func<CancellationToken, Task<string>> scriptSource;
    private readonly string shell;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly TimeSpan responseTimeout;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? script;
    private volatile Running? running;
    private long sequence;
    private int starts;
    private volatile bool disposed;

    /// <param name="mode">The mode, for logs and the process title (<c>eng-spa</c>).</param>
    /// <param name="scriptSource">Produces the null-flush pipeline (shell text using <c>$1</c> and <c>$2</c>); asked once.</param>
    /// <param name="shell">The shell that runs it (bash).</param>
    /// <param name="environment">Variables set for the pipeline (PATH, locale).</param>
    /// <param name="responseTimeout">The longest wait for the next answer before the pipeline is declared stuck.</param>
    public ApertiumPipeline(
        string mode,
        Func<CancellationToken, Task<string>> scriptSource,
        string shell,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan responseTimeout,
        ILogger logger)
    {
        this.mode = mode;
        this.scriptSource = scriptSource;
        this.shell = shell;
        this.environment = environment;
        this.responseTimeout = responseTimeout;
        this.logger = logger;
    }

    /// <summary>The mode this pipeline translates.</summary>
    public string Mode => mode;

    /// <summary>The shell process running the pipeline, while one runs.</summary>
    public int? ProcessId
    {
        get
        {
            var current = running;
            if (current is null)
            {
                return null;
            }

            try
            {
                return current.Process.HasExited ? null : current.Process.Id;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>How many times a process was started for this pipeline.</summary>
    public int Starts => Volatile.Read(ref starts);

    /// <summary>
    /// Sends every stream-format text (see <see cref="ApertiumStreamFormat.Encode"/>) through the
    /// pipeline and returns the raw stream-format answers, in order.
    /// </summary>
    /// <exception cref="ApertiumPipelineException">The pipeline failed twice, or did not answer in time.</exception>
    public async Task<string[]> TranslateAsync(IReadOnlyList<string> streamTexts, CancellationToken cancellationToken)
    {
        var answers = new string?[streamTexts.Count];
        if (streamTexts.Count == 0)
        {
            return [];
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var restarted = false;
            while (true)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                var first = Array.FindIndex(answers, a => a is null);
                if (first < 0)
                {
                    return answers!;
                }

                var current = await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await ExchangeAsync(current, streamTexts, first, answers, cancellationToken).ConfigureAwait(false);
                }
                catch (PipelineBrokenException e) when (!restarted && !disposed)
                {
                    // It died (or fell out of step) under this request: a fresh process gets one more go.
                    restarted = true;
                    ApertiumLog.PipelineBroken(logger, mode, e.Message, current.DescribeErrors());
                    Stop(current);
                }
                catch (PipelineBrokenException e)
                {
                    Stop(current);
                    throw new ApertiumPipelineException($"the {mode} pipeline failed: {e.Message}{current.DescribeErrors()}", e);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes the pipeline's input (every stage ends at end of input) and kills what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        var current = running;
        running = null;
        if (current is null)
        {
            return;
        }

        try
        {
            current.Input.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await current.Process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed below.
        }

        Stop(current);
    }

    private async Task<Running> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var current = running;
        if (current is not null && !current.Broken && !current.Process.HasExited)
        {
            return current;
        }

        if (current is not null && !current.Broken)
        {
            ApertiumLog.PipelineBroken(logger, mode, current.Process.HasExited ? $"it exited with code {current.Process.ExitCode}" : "it was stopped", current.DescribeErrors());
            Stop(current);
        }

        script ??= await scriptSource(cancellationToken).ConfigureAwait(false);
        var info = new ProcessStartInfo(shell)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add($"apertium-{mode}"); // $0
        info.ArgumentList.Add("-n"); // $1: generation without unknown-word marks (apertium -u)
        info.ArgumentList.Add(string.Empty); // $2: tagger options
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new Running(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                started.AddError(line);
                ApertiumLog.PipelineStderr(logger, mode, line);
            }
        };

        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new ApertiumPipelineException($"the {mode} pipeline cannot start: {e.Message}", e);
        }

        process.BeginErrorReadLine();
        started.Input = process.StandardInput.BaseStream;
        started.Output = process.StandardOutput.BaseStream;
        running = started;
        Interlocked.Increment(ref starts);
        ApertiumLog.PipelineStarted(logger, mode, process.Id);
        return started;
    }

    private async Task ExchangeAsync(Running current, IReadOnlyList<string> streamTexts, int first, string?[] answers, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(responseTimeout);
        var firstSequence = sequence;
        sequence += streamTexts.Count - first;
        var writeFailed = false;

        var writer = Task.Run(async () =>
        {
            try
            {
                for (var i = first; i < streamTexts.Count; i++)
                {
                    var frame = $"{streamTexts[i]}[#{(firstSequence + i - first).ToString(CultureInfo.InvariantCulture)}]\0";
                    await current.Input.WriteAsync(Encoding.UTF8.GetBytes(frame), abort.Token).ConfigureAwait(false);
                }

                await current.Input.FlushAsync(abort.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                writeFailed = true;
                await abort.CancelAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None);

        try
        {
            for (var i = first; i < streamTexts.Count; i++)
            {
                var frame = await ReadFrameAsync(current, abort.Token).ConfigureAwait(false);
                answers[i] = Unframe(frame, firstSequence + i - first);
                abort.CancelAfter(responseTimeout);
            }

            await writer.ConfigureAwait(false);
            if (writeFailed)
            {
                throw new PipelineBrokenException("its input closed");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Stop(current);
            await ObserveAsync(writer).ConfigureAwait(false);
            if (writeFailed)
            {
                throw new PipelineBrokenException("its input closed");
            }

            ApertiumLog.PipelineTimedOut(logger, mode, responseTimeout);
            throw new ApertiumPipelineException($"the {mode} pipeline did not answer within {responseTimeout.TotalSeconds:0.#} s; it was killed");
        }
        catch
        {
            // Cancelled by the caller, or broken: what is in the pipeline now belongs to nobody.
            Stop(current);
            await ObserveAsync(writer).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<string> ReadFrameAsync(Running current, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            if (current.CarryStart < current.CarryEnd)
            {
                var pending = current.Carry.AsSpan(current.CarryStart, current.CarryEnd - current.CarryStart);
                var nul = pending.IndexOf((byte)0);
                if (nul >= 0)
                {
                    frame.Write(pending[..nul]);
                    current.CarryStart += nul + 1;
                    return Encoding.UTF8.GetString(frame.WrittenSpan);
                }

                frame.Write(pending);
                current.CarryStart = current.CarryEnd = 0;
            }

            int read;
            try
            {
                read = await current.Output.ReadAsync(current.Carry, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                throw new PipelineBrokenException($"its output failed ({e.Message})");
            }

            if (read == 0)
            {
                throw new PipelineBrokenException("it ended its output");
            }

            current.CarryStart = 0;
            current.CarryEnd = read;
        }
    }

    private static string Unframe(string frame, long expected)
    {
        var marker = $"[#{expected.ToString(CultureInfo.InvariantCulture)}]";
        var end = frame.AsSpan().TrimEnd();
        if (!end.EndsWith(marker, StringComparison.Ordinal))
        {
            throw new PipelineBrokenException($"an answer did not carry the mark of its text ({marker})");
        }

        return end[..^marker.Length].ToString();
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only observed: the pipeline is being replaced anyway.
        }
    }

    private void Stop(Running current)
    {
        lock (current)
        {
            if (current.Broken)
            {
                return;
            }

            current.Broken = true;
        }

        if (ReferenceEquals(running, current))
        {
            running = null;
        }

        try
        {
            if (!current.Process.HasExited)
            {
                current.Process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It ended by itself meanwhile.
        }

        // Closing our ends lets any stage that escaped the kill see end of input and end too.
        try
        {
            current.Input?.Dispose();
        }
        catch (IOException)
        {
            // Broken pipe: nothing left to close.
        }

        current.Output?.Dispose();
        current.Process.Dispose();
    }

    private sealed class Running(Process process)
    {
        private readonly Queue<string> errors = new();

        public Process Process { get; } = process;

        public Stream Input { get; set; } = Stream.Null;

        public Stream Output { get; set; } = Stream.Null;

        public byte[] Carry { get; } = new byte[16 * 1024];

        public int CarryStart { get; set; }

        public int CarryEnd { get; set; }

        public bool Broken { get; set; }

        public void AddError(string line)
        {
            lock (errors)
            {
                errors.Enqueue(line);
                while (errors.Count > MaxStderrLines)
                {
                    errors.Dequeue();
                }
            }
        }

        public string DescribeErrors()
        {
            lock (errors)
            {
                return errors.Count == 0 ? string.Empty : $" (stderr: {string.Join(" | ", errors)})";
            }
        }
    }

    private sealed class PipelineBrokenException(string message) : Exception(message);
}
