using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Realtime.Runtime.Activation;
using Realtime.Runtime.Calls;

namespace Realtime.Runtime.Cluster.RabbitMq;

/// <summary>
/// Grain calls between silos over RabbitMQ: a request goes to the owner's queue (direct exchange,
/// routing key = silo id) with a correlation id and this silo's reply queue; the owner runs it on
/// its activation and answers. A request to a silo with no queue comes back unroutable at once.
/// </summary>
public sealed partial class RabbitMqGrainTransport(
    RabbitMqConnectionProvider connections,
    ILocalSilo local,
    ActivationDirectory activations,
    GrainCallCodec codec,
    ILogger<RabbitMqGrainTransport> logger) : IHostedService
{
    private const string Exchange = "realtime.calls";
    private readonly ConcurrentDictionary<string, (GrainCall Call, TaskCompletionSource<object?> Reply)> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _publish = new(1, 1);
    private IChannel? _channel;
    private string _replyQueue = string.Empty;

    /// <summary>True while the bus is reachable.</summary>
    public bool IsConnected => connections.IsOpen && _channel is { IsOpen: true };

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(cancellationToken).ConfigureAwait(false);
        connection.QueueNameChangedAfterRecoveryAsync += (_, e) =>
        {
            if (e.NameBefore == _replyQueue)
            {
                _replyQueue = e.NameAfter;
            }

            return Task.CompletedTask;
        };
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);

        var requests = RequestQueue(local.Id);
        await channel.QueueDeclareAsync(requests, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(requests, Exchange, local.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var requestConsumer = new AsyncEventingBasicConsumer(channel);
        requestConsumer.ReceivedAsync += (_, delivery) =>
        {
            // Copy out of the delivery: its body is only valid during the callback.
            var body = delivery.Body.ToArray();
            var correlationId = delivery.BasicProperties.CorrelationId;
            var replyTo = delivery.BasicProperties.ReplyTo;
            _ = Task.Run(() => ServeAsync(body, correlationId, replyTo));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(requests, autoAck: true, requestConsumer, cancellationToken).ConfigureAwait(false);

        var reply = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        _replyQueue = reply.QueueName;
        var replyConsumer = new AsyncEventingBasicConsumer(channel);
        replyConsumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.CorrelationId is { } id && _pending.TryRemove(id, out var pending))
            {
                try
                {
                    pending.Reply.TrySetResult(codec.DecodeReply(pending.Call, delivery.Body.Span));
                }
                catch (Exception e)
                {
                    pending.Reply.TrySetException(e);
                }
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(_replyQueue, autoAck: true, replyConsumer, cancellationToken).ConfigureAwait(false);

        channel.BasicReturnAsync += (_, returned) =>
        {
            if (returned.BasicProperties.CorrelationId is { } id && _pending.TryRemove(id, out var pending))
            {
                pending.Reply.TrySetException(new RemoteSiloUnreachableException(returned.RoutingKey, "no such silo on the bus"));
            }

            return Task.CompletedTask;
        };
        _channel = channel;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_channel is not null)
        {
            await _channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="call"/> on silo <paramref name="siloId"/> and returns its result.</summary>
    /// <exception cref="RemoteSiloUnreachableException">The silo did not take or answer the call in time.</exception>
    public async Task<object?> InvokeAsync(string siloId, GrainCall call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var channel = _channel ?? throw new ClusterUnavailableException("the message bus is not connected");
        var id = Guid.NewGuid().ToString("N");
        var reply = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (call, reply);
        try
        {
            var properties = new BasicProperties
            {
                CorrelationId = id,
                ReplyTo = _replyQueue,
                Expiration = ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            await _publish.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.BasicPublishAsync(Exchange, siloId, mandatory: true, properties, codec.EncodeCall(call), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _publish.Release();
            }

            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RemoteSiloUnreachableException(siloId, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new ClusterUnavailableException("the message bus is not connected", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private static string RequestQueue(string siloId) => "realtime.calls." + siloId;

    private async Task ServeAsync(byte[] body, string? correlationId, string? replyTo)
    {
        byte[] answer;
        try
        {
            var call = codec.DecodeCall(body);
            answer = codec.EncodeResult(await activations.InvokeAsync(call).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            answer = codec.EncodeError(e);
        }

        if (replyTo is null || _channel is not { } channel)
        {
            return;
        }

        try
        {
            await _publish.WaitAsync().ConfigureAwait(false);
            try
            {
                await channel.BasicPublishAsync(string.Empty, replyTo, mandatory: false, new BasicProperties { CorrelationId = correlationId }, answer).ConfigureAwait(false);
            }
            finally
            {
                _publish.Release();
            }
        }
        catch (Exception e)
        {
            LogReplyFailed(logger, e);
        }
    }

    [LoggerMessage(1201, LogLevel.Warning, "A reply to a remote grain call could not be sent; the caller will retry")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception);
}
