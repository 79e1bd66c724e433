using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Notes;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Notes;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Moderation;
using Realtime.Moderation;
using Orleans;

namespace Realtime.Hosting.Rest;

/// <summary><c>/api/notes</c>: create a note (the caller is its author) and read one.</summary>
public static class NoteEndpoints
{
    /// <summary>Maps the note endpoints.</summary>
    public static IEndpointRouteBuilder MapNoteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubPaths.Notes, async (HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, ContentModeration moderation, CancellationToken cancellationToken) =>
        {
            var authorId = user.FindFirst(RealtimeClaims.UserId)?.Value;
            if (authorId is null)
            {
                return ProblemResults.Problem(ErrorCodes.Unauthenticated, "a bearer token is required");
            }

            var (body, error) = await JsonBody.ReadAsync<CreateNoteRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var title = ContractRules.NormalizeText(body!.Title, 1, Limits.NoteTitleMax);
            if (title is null)
            {
                return ProblemResults.Invalid($"title must be 1-{Limits.NoteTitleMax} characters");
            }

            var text = ContractRules.NormalizeText(body.Body ?? string.Empty, 0, Limits.NoteBodyMax);
            if (text is null)
            {
                return ProblemResults.Invalid($"body must be at most {Limits.NoteBodyMax} characters");
            }

            string? language = null;
            if (body.Language is not null && (language = ContractRules.CanonicalLanguage(body.Language)) is null)
            {
                return ProblemResults.Invalid("language must be a BCP-47 tag such as en, es or zh-Hans");
            }

            language ??= ContractRules.CanonicalLanguage(user.FindFirst(RealtimeClaims.Language)?.Value);
            var noteId = "n" + Guid.NewGuid().ToString("N")[..15];
            try
            {
                var checkedTitle = moderation.Check(title, ContentChannel.NoteTitle);
                var checkedBody = text.Length == 0 ? null : moderation.Check(text, ContentChannel.NoteBody);
                var held = checkedTitle.Held || checkedBody?.Held == true;
                var command = new CreateNoteCommand(authorId, checkedTitle.Text, checkedBody?.Text ?? text, language, held);
                if (held)
                {
                    // Queued before the note exists: a note whose creation then fails leaves an entry that decides nothing,
                    // never a held note no moderator can see.
                    var reasons = checkedTitle.Reasons.Concat(checkedBody?.Reasons ?? []).Distinct().ToList();
                    var shown = command.Body.Length == 0 ? command.Title : command.Title + "\n" + command.Body;
                    await moderation.HoldAsync(ModerationTarget.Note(noteId), authorId, shown, language, reasons, cancellationToken);
                }

                var note = await grains.GetGrain<INoteThreadGrain>(noteId).CreateAsync(command, cancellationToken);

                return Results.Created($"{HubPaths.Notes}/{note.NoteId}", note);
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        }).RequireAuthorization();

        endpoints.MapGet(HubPaths.Notes + "/{noteId}", async (string noteId, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            if (!ContractRules.IsValidId(noteId))
            {
                return ProblemResults.Invalid("noteId must match [A-Za-z0-9_-]{1,64}");
            }

            var note = await grains.GetGrain<INoteThreadGrain>(noteId).GetNoteAsync(user.FindFirst(RealtimeClaims.UserId)?.Value, cancellationToken);
            return note is null ? ProblemResults.Problem(ErrorCodes.NotFound, $"note {noteId} does not exist") : Results.Ok(note);
        });
        return endpoints;
    }
}
