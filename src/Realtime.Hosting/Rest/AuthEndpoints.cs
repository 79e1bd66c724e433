using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Realtime.Contracts.Auth;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Moderation;
using Realtime.Hosting.Presence;

namespace Realtime.Hosting.Rest;

/// <summary><c>POST /api/auth/dev-token</c>: a token for any user, when dev tokens are on.</summary>
public static class AuthEndpoints
{
    /// <summary>Maps the dev-token endpoint.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubPaths.DevToken, async (HttpRequest request, TokenIssuer issuer, KnownUsers users, ContentModeration moderation, IOptions<AuthOptions> options, CancellationToken cancellationToken) =>
        {
            if (!options.Value.DevTokens)
            {
                return Results.NotFound();
            }

            var (body, error) = await JsonBody.ReadAsync<DevTokenRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!ContractRules.IsValidId(body!.UserId))
            {
                return ProblemResults.Invalid("userId must match [A-Za-z0-9_-]{1,64}");
            }

            var name = ContractRules.NormalizeText(body.DisplayName ?? body.UserId, 1, Limits.DisplayNameMax);
            if (name is null)
            {
                return ProblemResults.Invalid($"displayName must be 1-{Limits.DisplayNameMax} characters");
            }

            string? language = null;
            if (body.Language is not null && (language = ContractRules.CanonicalLanguage(body.Language)) is null)
            {
                return ProblemResults.Invalid("language must be a BCP-47 tag such as en, es or zh-Hans");
            }

            try
            {
                name = moderation.CheckDisplayName(name);
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }

            await users.EnsureRegisteredAsync(body.UserId!, name, cancellationToken);
            return Results.Ok(new DevTokenResponse(issuer.Issue(body.UserId!, name, language)));
        });
        return endpoints;
    }
}
