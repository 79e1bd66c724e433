using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.Benchmarks.Support;

namespace Realtime.Benchmarks.GroupSend;

/// <summary>Stands in for the hub type; the lifetime manager never creates it.</summary>
public sealed class BenchHub : Hub;

/// <summary>
/// One <c>chat</c> event to a room of <see cref="Connections"/> viewers through SignalR's
/// <see cref="DefaultHubLifetimeManager{THub}"/>: as one group send (serialised once for the
/// group, then the same bytes written to each connection) against the same event sent to each
/// connection on its own (serialised once per viewer). The transport output only counts bytes,
/// so this is SignalR's work up to the pipe, without the socket.
/// </summary>
public class GroupSendBenchmarks
{
    private const string Group = "room/r1";
    private DefaultHubLifetimeManager<BenchHub> _manager = null!;
    private string[] _ids = null!;
    private object?[] _arguments = null!;

    [Params(100, 1000, 5000)]
    public int Connections { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _manager = new DefaultHubLifetimeManager<BenchHub>(NullLogger<DefaultHubLifetimeManager<BenchHub>>.Instance);
        _ids = new string[Connections];
        for (var i = 0; i < Connections; i++)
        {
            _ids[i] = $"c{i}";
            var connection = FakeHubConnection.Create(_ids[i], new SinkPipeWriter());
            _manager.OnConnectedAsync(connection).GetAwaiter().GetResult();
            _manager.AddToGroupAsync(_ids[i], Group).GetAwaiter().GetResult();
        }

        _arguments = [ChatPayloads.Message(1, ChatPayloads.Text(40))];
    }

    [Benchmark(Baseline = true, Description = "N single sends (serialise per viewer)")]
    public async Task PerViewer()
    {
        foreach (var id in _ids)
        {
            await _manager.SendConnectionAsync(id, "chat", _arguments).ConfigureAwait(false);
        }
    }

    [Benchmark(Description = "one group send (serialise once)")]
    public Task OnceForGroup() => _manager.SendGroupAsync(Group, "chat", _arguments);
}
