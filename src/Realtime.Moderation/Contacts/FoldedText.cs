using System.Buffers;

namespace Realtime.Moderation.Contacts;

/// <summary>
/// A text folded by <see cref="ContactFolding"/> into pooled buffers, with the origin of every
/// folded character so that a range found in the folded text maps back to the original. Dropped
/// characters belong to the folded character before them (a keycap's <c>U+FE0F U+20E3</c> is
/// masked with its digit). Return the buffers with <see cref="Dispose"/>.
/// </summary>
internal readonly struct FoldedText : IDisposable
{
    private readonly char[] chars;
    private readonly int[] origins;

    private FoldedText(char[] chars, int[] origins, int length)
    {
        this.chars = chars;
        this.origins = origins;
        Length = length;
    }

    /// <summary>How many folded characters there are.</summary>
    public int Length { get; }

    /// <summary>The folded characters.</summary>
    public ReadOnlySpan<char> Chars => chars.AsSpan(0, Length);

    /// <summary>The folded character at <paramref name="index"/>, or a space outside the text.</summary>
    public char this[int index] => (uint)index < (uint)Length ? chars[index] : ' ';

    /// <summary>Folds <paramref name="text"/>.</summary>
    public static FoldedText Create(string text)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length + 1);
        var origins = ArrayPool<int>.Shared.Rent(text.Length + 1);
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var digit = ContactFolding.FoldMathematicalDigit(c, text[i + 1]);
                if (digit != ContactFolding.Drop)
                {
                    origins[length] = i;
                    chars[length++] = digit;
                    i++;
                    continue;
                }
            }

            var folded = ContactFolding.Fold(c);
            if (folded == ContactFolding.Drop)
            {
                continue;
            }

            origins[length] = i;
            chars[length++] = folded;
        }

        origins[length] = text.Length;
        return new FoldedText(chars, origins, length);
    }

    /// <summary>The original span of the folded range <c>[start, end)</c>.</summary>
    public TextSpan ToOriginal(int start, int end)
    {
        var from = origins[start];
        return new TextSpan(from, origins[end] - from);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (chars is not null)
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(origins);
        }
    }
}
