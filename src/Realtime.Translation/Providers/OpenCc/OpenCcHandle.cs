using Microsoft.Win32.SafeHandles;

namespace Realtime.Translation.Providers.OpenCc;

/// <summary>An <c>opencc_t</c>: <c>opencc_open</c> answers <c>(opencc_t)-1</c> on error, which is invalid here.</summary>
internal sealed class OpenCcHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Made by the interop marshaller.</summary>
    public OpenCcHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle() => OpenCcNative.Close(handle) == 0;
}
