using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Orleans;
using Realtime.Contracts.Moderation;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Moderation;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Moderation;

namespace Realtime.Hosting.Rest;

/// <summary>
/// <c>/api/moderation</c>, for operators (<c>Auth:Admins</c>) only: the blocked-term lists and the
/// review queue with its decisions.
/// </summary>
public static class ModerationEndpoints
{
    private const string Path = "/api/moderation";
    private const int TermMax = 100;
    private const int TermsMax = 10_000;
    private const int QueuePageMax = 500;

    /// <summary>Maps the moderation endpoints.</summary>
    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path).RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);

        group.MapGet("/terms", (IGrainFactory grains, CancellationToken cancellationToken) =>
            grains.GetGrain<IModerationTermsGrain>(ModerationTermsGrain.Key).GetAsync(cancellationToken));

        group.MapPut("/terms", async (HttpRequest request, ModerationTermsSync sync, CancellationToken cancellationToken) =>
        {
            var (body, error) = await JsonBody.ReadAsync<ModerationTermList>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (body!.Terms is not { } terms || terms.Count > TermsMax)
            {
                return ProblemResults.Invalid($"terms must be a list of at most {TermsMax} entries");
            }

            var valid = new List<ModerationTerm>(terms.Count);
            foreach (var entry in terms)
            {
                var language = ContractRules.CanonicalLanguage(entry?.Language);
                var term = ContractRules.NormalizeText(entry?.Term ?? "", 1, TermMax);
                if (entry is null || language is null || term is null || !TermActions.IsKnown(entry.Action))
                {
                    return ProblemResults.Invalid($"each term needs a BCP-47 language, a text of 1-{TermMax} characters and an action: block, mask or review");
                }

                valid.Add(new ModerationTerm(language, term, entry.Action));
            }

            return Results.Ok(await sync.ReplaceAsync(valid.Distinct().ToList(), cancellationToken));
        });

        group.MapGet("/queue", async (string? status, string? language, int? limit, ClaimsPrincipal user, IGrainFactory grains, ReviewTranslator translator, CancellationToken cancellationToken) =>
        {
            if (status is not (null or ReviewStatus.Pending or "decided"))
            {
                return ProblemResults.Invalid("status must be pending or decided");
            }

            if (limit is < 1 or > QueuePageMax)
            {
                return ProblemResults.Invalid($"limit must be 1-{QueuePageMax}");
            }

            string? reader = null;
            if (language is not null && (reader = ContractRules.CanonicalLanguage(language)) is null)
            {
                return ProblemResults.Invalid("language must be a BCP-47 tag such as en, es or zh-Hans");
            }

            reader ??= ContractRules.CanonicalLanguage(user.FindFirst(RealtimeClaims.Language)?.Value);
            var items = await grains.GetGrain<IModerationQueueGrain>(ModerationQueueGrain.Key).ListAsync(status == "decided", limit ?? 100, cancellationToken);
            return Results.Ok(await translator.TranslateAsync(items, reader, cancellationToken));
        });

        group.MapPost("/queue/{id}/{decision}", async (string id, string decision, ClaimsPrincipal user, IGrainFactory grains, ModerationDecisions decisions, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            if (decision is not ("approve" or "reject"))
            {
                return Results.NotFound();
            }

            if (!ContractRules.IsValidId(id))
            {
                return ProblemResults.Invalid("id must match [A-Za-z0-9_-]{1,64}");
            }

            var queue = grains.GetGrain<IModerationQueueGrain>(ModerationQueueGrain.Key);
            try
            {
                var moderatorId = user.FindFirst(RealtimeClaims.UserId)!.Value;
                var item = await queue.ClaimAsync(id, moderatorId, cancellationToken);
                var approve = decision == "approve";
                // The item changes first: a failure leaves the entry pending, to be decided again.
                await decisions.ApplyAsync(item, approve, cancellationToken);
                var decided = await queue.DecideAsync(id, approve, moderatorId, cancellationToken);
                ModerationLog.Decided(loggers.CreateLogger(typeof(ModerationEndpoints)), id, item.Kind, item.TargetId, decided.Status, moderatorId);
                return Results.Ok(decided);
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        });
        return endpoints;
    }
}
