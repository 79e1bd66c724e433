namespace Realtime.Translation.Providers.Apertium;

/// <summary>A local Apertium pipeline could not translate (it cannot start, keeps dying or stopped answering).</summary>
internal sealed class ApertiumPipelineException(string message, Exception? inner = null) : Exception(message, inner);
