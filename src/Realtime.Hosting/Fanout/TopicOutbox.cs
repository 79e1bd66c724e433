using System.Buffers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Realtime.Hosting.Fanout;

/// <summary>
/// The events waiting for one topic's next write: each framed once per hub protocol, back to
/// back, so that every member gets them all in one write and one flush.
/// </summary>
/// <remarks>Used by one thread at a time (the event bridge's loop).</remarks>
internal sealed class TopicOutbox
{
    private readonly IReadOnlyList<IHubProtocol> _protocols;
    private const int InitialCapacity = 1024;
    private const int RetainedCapacity = 64 * 1024;
    private readonly ArrayBufferWriter<byte>[] _frames;

    public TopicOutbox(IReadOnlyList<IHubProtocol> protocols)
    {
        _protocols = protocols;
        _frames = new ArrayBufferWriter<byte>[protocols.Count];
        for (var i = 0; i < _frames.Length; i++)
        {
            _frames[i] = new ArrayBufferWriter<byte>(InitialCapacity);
        }
    }

    public string Topic { get; private set; } = "";

    /// <summary>Events waiting.</summary>
    public int Count { get; private set; }

    public void Start(string topic) => Topic = topic;

    /// <summary>
    /// Frames an event after the waiting ones. It is framed into <paramref name="scratch"/> first,
    /// so a payload that fails to serialise leaves the outbox as it was.
    /// </summary>
    public void Append(string name, object payload, ArrayBufferWriter<byte> scratch)
    {
        var invocation = new InvocationMessage(name, [payload]);
        scratch.ResetWrittenCount();
        Span<int> ends = stackalloc int[_protocols.Count];
        for (var i = 0; i < _protocols.Count; i++)
        {
            _protocols[i].WriteMessage(invocation, scratch);
            ends[i] = scratch.WrittenCount;
        }

        var start = 0;
        for (var i = 0; i < _protocols.Count; i++)
        {
            _frames[i].Write(scratch.WrittenSpan[start..ends[i]]);
            start = ends[i];
        }

        Count++;
    }

    /// <summary>
    /// The waiting events as one message, and an empty outbox. The bytes are copied out because
    /// a slow connection may hold the message long after this outbox is reused.
    /// </summary>
    public SerializedHubMessage Take()
    {
        var messages = new SerializedMessage[_protocols.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new SerializedMessage(_protocols[i].Name, _frames[i].WrittenMemory.ToArray());
            if (_frames[i].Capacity > RetainedCapacity)
            {
                // A burst should not pin its peak size for as long as the silo runs.
                _frames[i] = new ArrayBufferWriter<byte>(InitialCapacity);
            }
            else
            {
                _frames[i].ResetWrittenCount();
            }
        }

        Count = 0;
        return new SerializedHubMessage(messages);
    }
}
