namespace Realtime.Translation.Providers.Apertium;

/// <summary>Which Apertium the provider talks to.</summary>
public enum ApertiumBackendKind
{
    /// <summary>Neither an APY URL nor a local installation was found; nothing is supported.</summary>
    None,

    /// <summary>An APY server over HTTP (<c>Translation:Apertium:Url</c>).</summary>
    Apy,

    /// <summary>The locally installed pipelines, one long-running process per pair.</summary>
    Local,
}
