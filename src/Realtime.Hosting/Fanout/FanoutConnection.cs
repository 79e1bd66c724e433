using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Realtime.Hosting.Hubs;

namespace Realtime.Hosting.Fanout;

/// <summary>
/// A local hub connection as the fan-out sees it: its SignalR context, the topics it is in, and
/// how many of its writes are waiting behind a full transport.
/// </summary>
public sealed class FanoutConnection
{
    private readonly int _maxQueuedWrites;
    private readonly ILogger _logger;
    private readonly TopicIdSet _topics = new();
    private bool _closed;
    private int _queued;
    private int _abandoned;

    internal FanoutConnection(HubConnectionContext context, int maxQueuedWrites, ILogger logger)
    {
        Context = context;
        _maxQueuedWrites = maxQueuedWrites;
        _logger = logger;
    }

    /// <summary>The SignalR connection.</summary>
    public HubConnectionContext Context { get; }

    /// <summary>Writes started and not finished (the transport was full when they were handed over).</summary>
    public int QueuedWrites => Volatile.Read(ref _queued);

    /// <summary>
    /// Hands <paramref name="message"/> to the connection without waiting for it. A connection
    /// writes in the order it is handed messages, so one caller handing out a topic's events in
    /// order keeps them in order.
    /// </summary>
    public void Write(SerializedHubMessage message)
    {
        var queued = Volatile.Read(ref _queued);
        if (queued >= _maxQueuedWrites)
        {
            // Only the first write past the limit closes; later ones find the connection closing.
            if (Interlocked.Exchange(ref _abandoned, 1) == 0)
            {
                FanoutLog.SlowConnectionClosed(_logger, Context.ConnectionId, queued);
                Context.Abort();
            }

            return;
        }

        ValueTask write;
        try
        {
            write = Context.WriteAsync(message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            FanoutLog.WriteFailed(_logger, Context.ConnectionId, ex);
            return;
        }

        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            return;
        }

        Interlocked.Increment(ref _queued);
        _ = CompleteAsync(write);
    }

    /// <summary>Records that the connection is in <paramref name="topic"/>, unless it has closed.</summary>
    internal bool TryJoin(string topic, Func<bool> addMember)
    {
        lock (_topics)
        {
            // Adding the member under this lock means a closing connection cannot miss it.
            if (_closed || _topics.Contains(topic) || !addMember())
            {
                return false;
            }

            return _topics.Add(topic);
        }
    }

    /// <summary>Forgets <paramref name="topic"/>; false if the connection was not in it.</summary>
    internal bool Leave(string topic)
    {
        lock (_topics)
        {
            return _topics.Remove(topic);
        }
    }

    /// <summary>Marks the connection closed and returns the topics it was still in.</summary>
    internal string[] Close()
    {
        lock (_topics)
        {
            _closed = true;
            return _topics.ToArray();
        }
    }

    private async Task CompleteAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            FanoutLog.WriteFailed(_logger, Context.ConnectionId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }
}
