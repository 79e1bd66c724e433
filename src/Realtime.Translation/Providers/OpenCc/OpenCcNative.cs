using System.Runtime.InteropServices;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>
/// The part of libopencc's C API (<c>opencc.h</c>, 1.1) used here. <c>opencc_open</c> takes a
/// configuration file name, resolved against OpenCC's data directory (<c>s2t.json</c>);
/// <c>opencc_convert_utf8</c> returns a new NUL-terminated string (or NULL on error) that must be
/// freed with <c>opencc_convert_utf8_free</c>; <c>opencc_error</c> describes the last error.
/// A handle is not documented as thread-safe, so callers serialise its use.
/// </summary>
internal static partial class OpenCcNative
{
    /// <summary>The Debian runtime package's soname (libopencc1.1).</summary>
    public const string Library = "libopencc.so.1.1";

    [LibraryImport(Library, EntryPoint = "opencc_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial OpenCcHandle Open(string configFileName);

    [LibraryImport(Library, EntryPoint = "opencc_convert_utf8")]
    public static unsafe partial byte* ConvertUtf8(OpenCcHandle handle, byte* input, nuint length);

    [LibraryImport(Library, EntryPoint = "opencc_convert_utf8_free")]
    public static unsafe partial void FreeUtf8(byte* converted);

    [LibraryImport(Library, EntryPoint = "opencc_close")]
    public static partial int Close(nint handle);

    [LibraryImport(Library, EntryPoint = "opencc_error")]
    public static unsafe partial byte* Error();

    /// <summary>The library's description of its last error, or a generic one.</summary>
    public static unsafe string LastError()
    {
        var message = Error();
        return message is null ? "unknown OpenCC error" : Marshal.PtrToStringUTF8((nint)message) ?? "unknown OpenCC error";
    }
}
