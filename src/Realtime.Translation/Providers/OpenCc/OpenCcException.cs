namespace Realtime.Translation.Providers.OpenCc;

/// <summary>OpenCC could not open a configuration or convert a text.</summary>
internal sealed class OpenCcException(string message, Exception? inner = null) : Exception(message, inner);
