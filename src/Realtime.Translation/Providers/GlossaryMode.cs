namespace Realtime.Translation.Providers;

/// <summary>How a provider is told about glossary terms.</summary>
public enum GlossaryMode
{
    /// <summary>Terms are replaced by placeholders the provider passes through, and put back after.</summary>
    Placeholders,

    /// <summary>Terms are wrapped in the provider's own dictionary markup (Azure's <c>mstrans:dictionary</c>).</summary>
    Markup,
}
