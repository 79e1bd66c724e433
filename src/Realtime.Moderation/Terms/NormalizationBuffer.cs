namespace Realtime.Moderation.Terms;

/// <summary>Normalised characters with, for each, the start and end of what it came from in the original text.</summary>
internal sealed class NormalizationBuffer
{
    private char[] chars;
    private int[] starts;
    private int[] ends;

    public NormalizationBuffer(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        chars = new char[capacity];
        starts = new int[capacity + 1];
        ends = new int[capacity];
    }

    public int Count { get; private set; }

    public char this[int index]
    {
        get => chars[index];
        set => chars[index] = value;
    }

    public void Add(char c, int start, int end)
    {
        if (Count == chars.Length)
        {
            Grow();
        }

        chars[Count] = c;
        starts[Count] = start;
        ends[Count] = end;
        Count++;
    }

    public void AddAll(string folded, int start, int end)
    {
        if (folded.Length == 0)
        {
            Attach(end);
            return;
        }

        foreach (var c in folded)
        {
            Add(c, start, end);
        }
    }

    /// <summary>A dropped character right after the last one belongs to it (masking takes both).</summary>
    public void Attach(int end)
    {
        if (Count > 0 && ends[Count - 1] == end - 1)
        {
            ends[Count - 1] = end;
        }
    }

    /// <summary>Copies character <paramref name="index"/> of <paramref name="source"/>.</summary>
    public void CopyFrom(NormalizationBuffer source, int index) => Add(source.chars[index], source.starts[index], source.ends[index]);

    public NormalizedText ToNormalizedText(int originalLength)
    {
        var origins = new int[Count + 1];
        Array.Copy(starts, origins, Count);
        origins[Count] = originalLength;
        return new NormalizedText(new string(chars, 0, Count), origins) { Ends = ends[..Count] };
    }

    private void Grow()
    {
        var size = chars.Length * 2;
        Array.Resize(ref chars, size);
        Array.Resize(ref starts, size + 1);
        Array.Resize(ref ends, size);
    }
}
