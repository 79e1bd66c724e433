using System.Buffers;

namespace Realtime.Client.Internal;

/// <summary>
/// Received bytes cut into records at the record separator. WebSocket message boundaries mean
/// nothing to the protocol: one message may hold several records and a record may span several
/// messages, so bytes are appended here and complete records are read out. The array is pooled;
/// it grows for a large record and goes back to its initial size once that record is consumed.
/// </summary>
internal sealed class RecordBuffer : IDisposable
{
    private readonly int _initialSize;
    private readonly int _maxRecordSize;
    private byte[] _array;
    private int _start;
    private int _end;
    private int _scanned;

    public RecordBuffer(int initialSize, int maxRecordSize)
    {
        _initialSize = Math.Max(initialSize, 256);
        _maxRecordSize = Math.Max(maxRecordSize, _initialSize);
        _array = ArrayPool<byte>.Shared.Rent(_initialSize);
    }

    /// <summary>The next complete record without its separator; valid until <see cref="GetReceiveMemory"/>.</summary>
    public bool TryReadRecord(out ReadOnlySpan<byte> record)
    {
        var index = _array.AsSpan(_scanned, _end - _scanned).IndexOf(HubProtocol.RecordSeparator);
        if (index < 0)
        {
            _scanned = _end;
            record = default;
            return false;
        }

        var separator = _scanned + index;
        record = _array.AsSpan(_start, separator - _start);
        _start = _scanned = separator + 1;
        return true;
    }

    /// <summary>Free space to receive into; records read before are no longer valid.</summary>
    public Memory<byte> GetReceiveMemory()
    {
        var pending = _end - _start;
        if (pending == 0)
        {
            _start = _end = _scanned = 0;
            if (_array.Length > _initialSize * 4)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = ArrayPool<byte>.Shared.Rent(_initialSize);
            }
        }
        else if (_start > 0)
        {
            _array.AsSpan(_start, pending).CopyTo(_array);
            _scanned -= _start;
            _end = pending;
            _start = 0;
        }

        if (_end == _array.Length)
        {
            if (_array.Length >= _maxRecordSize)
            {
                throw new InvalidDataException($"A hub message is larger than {_maxRecordSize} bytes.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_array.Length * 2, _maxRecordSize));
            _array.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }

        return _array.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were received into the memory last handed out.</summary>
    public void Advance(int count) => _end += count;

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _start = _end = _scanned = 0;
    }
}
