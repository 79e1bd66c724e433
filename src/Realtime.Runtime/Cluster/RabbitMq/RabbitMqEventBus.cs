using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Realtime.Runtime.Events;

namespace Realtime.Runtime.Cluster.RabbitMq;

/// <summary>
/// Grain events across silos: one topic exchange; each silo has one queue, bound to the topics its
/// connections watch. A grain's event batch is published once per topic, so the broker hands it
/// to each silo with watchers once: bus traffic per message is the number of such silos, never
/// the number of watchers. The publishing silo delivers to its own watchers directly.
/// </summary>
public sealed partial class RabbitMqEventBus(
    RabbitMqConnectionProvider connections,
    ILocalSilo local,
    IEventSink sink,
    ILogger<RabbitMqEventBus> logger) : IEventBus, IHostedService
{
    private const string Exchange = "realtime.events";
    private const string OriginHeader = "origin";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InProcessEventBus _local = new(sink);
    private readonly Dictionary<string, int> _bound = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;
    private long _published;
    private long _received;

    /// <summary>Messages this silo published to the bus (one per topic per batch).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages this silo received from other silos.</summary>
    public long Received => Interlocked.Read(ref _received);

    private string Queue => "realtime.events." + local.Id;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(Queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.Headers?.TryGetValue(OriginHeader, out var origin) == true
                && origin is byte[] bytes && Encoding.UTF8.GetString(bytes) == local.Id)
            {
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref _received);
            try
            {
                var frames = JsonSerializer.Deserialize<EventFrame[]>(delivery.Body.Span, Json) ?? [];
                var topic = TopicOf(delivery.RoutingKey);
                sink.Deliver([.. frames.Select(f => new GrainEvent(topic, f.Name, f.Payload))]);
            }
            catch (JsonException e)
            {
                LogUnreadable(logger, e);
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(Queue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        _channel = channel;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _channel?.CloseAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask PublishAsync(IReadOnlyList<GrainEvent> batch, CancellationToken cancellationToken = default)
    {
        await _local.PublishAsync(batch, cancellationToken).ConfigureAwait(false);
        var channel = _channel ?? throw new ClusterUnavailableException("the message bus is not connected");
        foreach (var group in batch.GroupBy(e => e.Topic))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(group.Select(e => new EventFrame(e.Name, JsonSerializer.SerializeToElement(e.Payload, e.Payload.GetType(), Json))).ToArray(), Json);
            var properties = new BasicProperties { Headers = new Dictionary<string, object?> { [OriginHeader] = local.Id } };
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.BasicPublishAsync(Exchange, RoutingKey(group.Key), mandatory: false, properties, body, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _published);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask SubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        await _local.SubscribeAsync(topic, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = _bound.GetValueOrDefault(topic);
            _bound[topic] = count + 1;
            if (count == 0 && _channel is { } channel)
            {
                await channel.QueueBindAsync(Queue, Exchange, RoutingKey(topic), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask UnsubscribeAsync(string topic, CancellationToken cancellationToken = default)
    {
        await _local.UnsubscribeAsync(topic, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = _bound.GetValueOrDefault(topic);
            if (count <= 1)
            {
                _bound.Remove(topic);
                if (count == 1 && _channel is { IsOpen: true } channel)
                {
                    await channel.QueueUnbindAsync(Queue, Exchange, RoutingKey(topic), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                _bound[topic] = count - 1;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Topics use '/' between words; AMQP topic routing keys use '.', which ids never contain.
    private static string RoutingKey(string topic) => topic.Replace('/', '.');

    private static string TopicOf(string routingKey) => routingKey.Replace('.', '/');

    private sealed record EventFrame(string Name, JsonElement Payload);

    [LoggerMessage(1301, LogLevel.Warning, "An event batch from the bus could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
