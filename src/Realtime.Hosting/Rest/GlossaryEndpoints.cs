using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Contracts.Validation;
using Realtime.Translation.Glossary;

namespace Realtime.Hosting.Rest;

/// <summary>
/// <c>/api/glossary</c>: read the glossary; signed-in users add or remove renderings and kept
/// terms. Every change bumps the glossary's version, so cached translations made without it are
/// not reused.
/// </summary>
public static class GlossaryEndpoints
{
    private const string Path = "/api/glossary";
    private const int TermMax = 100;
    private const int NoteMax = 200;

    /// <summary>Maps the glossary endpoints.</summary>
    public static IEndpointRouteBuilder MapGlossaryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (GlossaryStore glossary) => Results.Ok(glossary.Current));

        endpoints.MapPut(Path + "/entries", async (HttpRequest request, GlossaryStore glossary, CancellationToken cancellationToken) =>
        {
            var (body, error) = await JsonBody.ReadAsync<GlossaryEntryRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var source = ContractRules.CanonicalLanguage(body!.SourceLanguage);
            var term = ContractRules.NormalizeText(body.Term, 1, TermMax);
            if (source is null || term is null || body.Translations is not { Count: > 0 })
            {
                return ProblemResults.Invalid($"sourceLanguage must be a BCP-47 tag, term 1-{TermMax} characters, translations a non-empty map of language to text");
            }

            var translations = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (language, text) in body.Translations)
            {
                var target = ContractRules.CanonicalLanguage(language);
                var rendering = ContractRules.NormalizeText(text, 1, TermMax);
                if (target is null || rendering is null)
                {
                    return ProblemResults.Invalid($"translation '{language}' needs a BCP-47 tag and 1-{TermMax} characters");
                }

                translations[target] = rendering;
            }

            return Results.Ok(glossary.Upsert(new GlossaryEntry(source, term, translations)));
        }).RequireAuthorization();

        endpoints.MapDelete(Path + "/entries", (string? sourceLanguage, string? term, GlossaryStore glossary) =>
        {
            var source = ContractRules.CanonicalLanguage(sourceLanguage);
            if (source is null || string.IsNullOrWhiteSpace(term))
            {
                return ProblemResults.Invalid("sourceLanguage and term are required");
            }

            return glossary.Remove(source, term.Trim()) ? Results.Ok(glossary.Current) : ProblemResults.Problem("not_found", $"no entry '{term}' for {source}");
        }).RequireAuthorization();

        endpoints.MapPut(Path + "/keep", async (HttpRequest request, GlossaryStore glossary, CancellationToken cancellationToken) =>
        {
            var (body, error) = await JsonBody.ReadAsync<KeptTermRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var term = ContractRules.NormalizeText(body!.Term, 1, TermMax);
            var note = ContractRules.NormalizeText(body.Note, 1, NoteMax);
            if (term is null || note is null)
            {
                return ProblemResults.Invalid($"term must be 1-{TermMax} characters and note 1-{NoteMax}");
            }

            return Results.Ok(glossary.Keep(new KeptTerm(term, note)));
        }).RequireAuthorization();

        endpoints.MapDelete(Path + "/keep", (string? term, GlossaryStore glossary) =>
            string.IsNullOrWhiteSpace(term)
                ? ProblemResults.Invalid("term is required")
                : glossary.Unkeep(term.Trim()) ? Results.Ok(glossary.Current) : ProblemResults.Problem("not_found", $"'{term}' is not kept"))
            .RequireAuthorization();
        return endpoints;
    }
}
