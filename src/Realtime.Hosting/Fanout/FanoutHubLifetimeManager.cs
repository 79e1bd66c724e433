using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Hosting.Hubs;

namespace Realtime.Hosting.Fanout;

/// <summary>
/// SignalR's lifetime manager for <see cref="LiveHub"/> with groups kept where the silo's fan-out
/// can reach them: a topic's group is an array of connections that the event bridge writes one
/// coalesced message to, instead of a group send per event.
/// </summary>
/// <remarks>
/// Connection-, user- and all-connection sends stay SignalR's own (this class extends its default
/// manager); only groups are replaced. Group sends made through SignalR's API go to the same
/// members, one message each.
/// </remarks>
public sealed class FanoutHubLifetimeManager : DefaultHubLifetimeManager<LiveHub>
{
    private readonly ConcurrentDictionary<string, FanoutConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TopicMembers> _topics = new(StringComparer.Ordinal);
    private readonly FanoutOptions _options;
    private readonly ILogger<FanoutHubLifetimeManager> _logger;

    public FanoutHubLifetimeManager(
        IOptions<FanoutOptions> options,
        ILogger<DefaultHubLifetimeManager<LiveHub>> baseLogger,
        ILogger<FanoutHubLifetimeManager> logger)
        : base(baseLogger)
    {
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The local connections in <paramref name="topic"/> now; an empty array if none.</summary>
    public FanoutConnection[] Members(string topic) =>
        _topics.TryGetValue(topic, out var members) ? members.Snapshot() : [];

    /// <inheritdoc />
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection).ConfigureAwait(false);
        _connections[connection.ConnectionId] = new FanoutConnection(connection, _options.MaxQueuedWrites, _logger);
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_connections.TryRemove(connection.ConnectionId, out var member))
        {
            foreach (var topic in member.Close())
            {
                RemoveMember(topic, member);
            }
        }

        await base.OnDisconnectedAsync(connection).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);

        // Like SignalR's own manager: a connection that is not on this silo (or has gone) is ignored.
        if (_connections.TryGetValue(connectionId, out var member))
        {
            member.TryJoin(groupName, () => AddMember(groupName, member));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(groupName);
        if (_connections.TryGetValue(connectionId, out var member) && member.Leave(groupName))
        {
            RemoveMember(groupName, member);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendGroupsExceptAsync([groupName], methodName, args, []);

    /// <inheritdoc />
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendGroupsExceptAsync(groupNames, methodName, args, []);

    /// <inheritdoc />
    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendGroupsExceptAsync([groupName], methodName, args, excludedConnectionIds);

    private Task SendGroupsExceptAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, IReadOnlyList<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var message = new SerializedHubMessage(new InvocationMessage(methodName, args));
        var sent = new HashSet<FanoutConnection>();
        foreach (var group in groupNames)
        {
            foreach (var member in Members(group))
            {
                if (!excluded.Contains(member.Context.ConnectionId) && sent.Add(member))
                {
                    member.Write(message);
                }
            }
        }

        return Task.CompletedTask;
    }

    private bool AddMember(string topic, FanoutConnection member)
    {
        while (true)
        {
            var members = _topics.GetOrAdd(topic, static _ => new TopicMembers());
            if (members.Add(member))
            {
                return true;
            }

            // Added already, or the topic was retired by its last member leaving: try a new one.
            if (!members.Retired)
            {
                return false;
            }

            _topics.TryRemove(new KeyValuePair<string, TopicMembers>(topic, members));
        }
    }

    private void RemoveMember(string topic, FanoutConnection member)
    {
        if (_topics.TryGetValue(topic, out var members) && members.RemoveAndRetireIfEmpty(member))
        {
            _topics.TryRemove(new KeyValuePair<string, TopicMembers>(topic, members));
        }
    }
}
