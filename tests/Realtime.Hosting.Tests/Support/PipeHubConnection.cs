using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Realtime.Hosting.Tests.Support;

/// <summary>
/// A hub connection whose transport is a real pipe that the test reads, as a WebSocket transport
/// would: each read is what one socket send would carry.
/// </summary>
public sealed class PipeHubConnection : HubConnectionContext
{
    private static readonly HubConnectionContextOptions ContextOptions = new()
    {
        KeepAliveInterval = TimeSpan.FromSeconds(15),
        ClientTimeoutInterval = TimeSpan.FromSeconds(30),
        StreamBufferCapacity = 10,
        MaximumParallelInvocations = 1,
    };

    private readonly Pipe _output;
    private readonly IHubProtocol _protocol;

    private PipeHubConnection(ConnectionContext connection, Pipe output, IHubProtocol protocol)
        : base(connection, ContextOptions, NullLoggerFactory.Instance)
    {
        _output = output;
        _protocol = protocol;
    }

    public override IHubProtocol Protocol => _protocol;

    /// <summary>A connection with id <paramref name="id"/>; its transport holds up to <paramref name="pauseAtBytes"/> unread bytes (0: no limit).</summary>
    public static PipeHubConnection Create(string id, IHubProtocol protocol, long pauseAtBytes = 0)
    {
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: pauseAtBytes, resumeWriterThreshold: pauseAtBytes / 2, useSynchronizationContext: false));
        var context = new DefaultConnectionContext(id, new DuplexPipe(new Pipe().Reader, output.Writer), new DuplexPipe(output.Reader, new Pipe().Writer));
        return new PipeHubConnection(context, output, protocol);
    }

    /// <summary>The next chunk the transport would send, as text, or null after <paramref name="timeout"/>.</summary>
    public async Task<string?> ReadChunkAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var result = await _output.Reader.ReadAsync(cancel.Token);
            var text = Encoding.UTF8.GetString(result.Buffer);
            _output.Reader.AdvanceTo(result.Buffer.End);
            return text;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads chunks until <paramref name="records"/> records arrived; the chunks as read.</summary>
    public async Task<IReadOnlyList<string>> ReadRecordsAsync(int records, TimeSpan timeout)
    {
        var chunks = new List<string>();
        var seen = 0;
        while (seen < records)
        {
            var chunk = await ReadChunkAsync(timeout) ?? throw new TimeoutException($"{seen} of {records} records arrived: [{string.Join(" | ", chunks)}]");
            chunks.Add(chunk);
            seen += chunk.Count(c => c == '\u001e');
        }

        return chunks;
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
