namespace Realtime.Translation.Glossary;

/// <summary>A term that passes through every translation untranslated, with a note readers can see.</summary>
public sealed record KeptTerm(string Term, string Note);
