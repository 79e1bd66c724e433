using System.Runtime.InteropServices;
using System.Text;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// One libopencc handle for one configuration. Conversions on the handle are serialised by a lock
/// (the C API does not promise thread safety); each text is converted under the lock on its own,
/// so concurrent requests interleave text by text.
/// </summary>
internal sealed class OpenCcLibraryConverter : IOpenCcConverter
{
    private readonly OpenCcHandle handle;
    private readonly Lock gate = new();
    private bool disposed;

    private OpenCcLibraryConverter(string config, OpenCcHandle handle)
    {
        Config = config;
        this.handle = handle;
    }

    /// <inheritdoc />
    public string Config { get; }

    /// <summary>Opens <paramref name="config"/> (<c>s2t.json</c>).</summary>
    /// <exception cref="DllNotFoundException">libopencc is not installed.</exception>
    /// <exception cref="EntryPointNotFoundException">The library is not the expected one.</exception>
    /// <exception cref="OpenCcException">The configuration cannot be opened.</exception>
    public static OpenCcLibraryConverter Open(string config)
    {
        var handle = OpenCcNative.Open(config);
        if (handle.IsInvalid)
        {
            var reason = OpenCcNative.LastError();
            handle.Dispose();
            throw new OpenCcException($"opencc_open({config}) failed: {reason}");
        }

        return new OpenCcLibraryConverter(config, handle);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ConvertAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var results = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Convert(texts[i] ?? string.Empty);
        }

        return Task.FromResult<IReadOnlyList<string>>(results);
    }

    /// <summary>Converts one text. A NUL would end the C string early, so parts between NULs are converted apart.</summary>
    public string Convert(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return string.Join('\0', text.Split('\0').Select(Convert));
        }

        var input = Encoding.UTF8.GetBytes(text);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return ConvertLocked(input);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            handle.Dispose();
        }
    }

    private unsafe string ConvertLocked(byte[] input)
    {
        fixed (byte* bytes = input)
        {
            var converted = OpenCcNative.ConvertUtf8(handle, bytes, (nuint)input.Length);
            if (converted is null)
            {
                throw new OpenCcException($"opencc_convert_utf8 ({Config}) failed: {OpenCcNative.LastError()}");
            }

            try
            {
                return Marshal.PtrToStringUTF8((nint)converted) ?? string.Empty;
            }
            finally
            {
                OpenCcNative.FreeUtf8(converted);
            }
        }
    }
}
