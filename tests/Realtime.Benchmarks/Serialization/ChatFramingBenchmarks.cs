using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Realtime.Benchmarks.Support;
using Realtime.Contracts.Rooms;

namespace Realtime.Benchmarks.Serialization;

/// <summary>
/// The cost of turning one <c>chat</c> event into bytes: System.Text.Json on the payload alone with
/// the writer settings SignalR uses (relaxed escaping, no validation: the floor), the same with
/// System.Text.Json's default writer (which escapes every non-ASCII character as \uXXXX), the
/// SignalR JSON hub protocol's framing of the payload as an invocation, and what a group send does
/// once per group (a <see cref="SerializedHubMessage"/> that allocates its bytes). All but the last
/// write into a reused buffer.
/// </summary>
public class ChatFramingBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private JsonHubProtocol _protocol = null!;
    private JsonSerializerOptions _json = null!;
    private Utf8JsonWriter _writer = null!;
    private Utf8JsonWriter _escapingWriter = null!;
    private ChatMessage _message = null!;
    private object?[] _arguments = null!;

    /// <summary>Characters of chat text in the payload.</summary>
    [Params(40, 400)]
    public int TextLength { get; set; }

    /// <summary>Latin text, or Chinese, which the default encoder escapes as \uXXXX.</summary>
    [Params("latin", "cjk")]
    public string Script { get; set; } = "latin";

    [GlobalSetup]
    public void Setup()
    {
        var options = new JsonHubProtocolOptions();
        _protocol = new JsonHubProtocol(Options.Create(options));
        _json = options.PayloadSerializerOptions;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        _escapingWriter = new Utf8JsonWriter(_buffer);
        _message = ChatPayloads.Message(42, ChatPayloads.Text(TextLength, Script));
        _arguments = [_message];
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json payload only")]
    public int PayloadOnly() => Write(_writer);

    [Benchmark(Description = "System.Text.Json payload, default escaping")]
    public int PayloadOnlyDefaultEscaping() => Write(_escapingWriter);

    [Benchmark(Description = "JsonHubProtocol invocation frame")]
    public int HubProtocolFrame()
    {
        _buffer.ResetWrittenCount();
        _protocol.WriteMessage(new InvocationMessage("chat", _arguments), _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "SerializedHubMessage (once per group send)")]
    public int SerializedForGroup() =>
        new SerializedHubMessage(new InvocationMessage("chat", _arguments)).GetSerializedMessage(_protocol).Length;

    private int Write(Utf8JsonWriter writer)
    {
        _buffer.ResetWrittenCount();
        writer.Reset(_buffer);
        JsonSerializer.Serialize(writer, _message, _json);
        writer.Flush();
        return _buffer.WrittenCount;
    }
}
