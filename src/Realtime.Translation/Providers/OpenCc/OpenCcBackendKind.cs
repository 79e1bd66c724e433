namespace Realtime.Translation.Providers.OpenCc;

/// <summary>How OpenCC is reached.</summary>
public enum OpenCcBackendKind
{
    /// <summary>Neither libopencc nor the <c>opencc</c> command is usable; nothing is supported.</summary>
    None,

    /// <summary>libopencc in process (<c>libopencc.so.1.1</c>), one handle per direction.</summary>
    Library,

    /// <summary>The <c>opencc</c> command, one process per text.</summary>
    Command,
}
