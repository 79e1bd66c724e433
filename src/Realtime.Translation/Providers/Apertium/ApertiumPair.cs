namespace Realtime.Translation.Providers.Apertium;

/// <summary>One translation direction Apertium offers.</summary>
/// <param name="SourceLanguage">BCP-47 source (<c>en</c>, <c>es</c>, <c>ca-valencia</c>).</param>
/// <param name="TargetLanguage">BCP-47 target (<c>es</c>, <c>en-US</c>).</param>
/// <param name="Mode">Apertium's own name for the direction (<c>eng-spa</c>, <c>spa-eng_US</c>).</param>
public sealed record ApertiumPair(string SourceLanguage, string TargetLanguage, string Mode);
