namespace Realtime.Translation.Glossary;

/// <summary>A term of one source language and how it must read in each target language.</summary>
/// <param name="SourceLanguage">Canonical BCP-47 tag of the language the term is written in.</param>
/// <param name="Term">The term as it appears in text.</param>
/// <param name="Translations">Target language -> rendering, e.g. <c>en</c> -> "Vibe of Daily Life".</param>
public sealed record GlossaryEntry(string SourceLanguage, string Term, IReadOnlyDictionary<string, string> Translations);
