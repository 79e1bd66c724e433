using Microsoft.AspNetCore.SignalR;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Hosting.Auth;

namespace Realtime.Hosting.Hubs;

/// <summary>The hub's argument checks; each failure is an <c>invalid:</c> or <c>unauthenticated:</c> error.</summary>
internal static class HubInput
{
    public static void RequireId(string? id, string name)
    {
        if (!ContractRules.IsValidId(id))
        {
            throw RealtimeException.Invalid($"{name} must match [A-Za-z0-9_-]{{1,64}}");
        }
    }

    public static void RequireSeq(long seq, string name)
    {
        if (seq < 1)
        {
            throw RealtimeException.Invalid($"{name} must be a positive seq");
        }
    }

    public static Caller RequireCaller(HubCallerContext context) =>
        CallerOrNull(context) ?? throw new RealtimeException("unauthenticated", "sign in to do this");

    public static Caller? CallerOrNull(HubCallerContext context)
    {
        var user = context.User;
        var userId = user?.FindFirst(RealtimeClaims.UserId)?.Value;
        if (user is null || !ContractRules.IsValidId(userId))
        {
            return null;
        }

        var name = user.FindFirst(RealtimeClaims.DisplayName)?.Value;
        return new Caller(userId!, string.IsNullOrEmpty(name) ? userId! : name, ContractRules.CanonicalLanguage(user.FindFirst(RealtimeClaims.Language)?.Value));
    }
}
