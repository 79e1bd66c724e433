using Microsoft.AspNetCore.Http;
using Realtime.Contracts.Errors;
using Realtime.Grains.Common;

namespace Realtime.Hosting.Rest;

/// <summary>REST answers for refusals: the contract's problem document with the matching status.</summary>
internal static class ProblemResults
{
    public static IResult Invalid(string detail) => Problem(ErrorCodes.Invalid, detail);

    public static IResult From(RealtimeException e) => Problem(e.Code, e.Detail);

    public static IResult Problem(string code, string detail) =>
        Results.Json(new ProblemBody(code, detail), statusCode: code switch
        {
            ErrorCodes.Invalid or ErrorCodes.BlockedTerm or ErrorCodes.ContactBlocked => StatusCodes.Status400BadRequest,
            ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.NotFound => StatusCodes.Status404NotFound,
            ErrorCodes.Conflict or ErrorCodes.SoldOut => StatusCodes.Status409Conflict,
            ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        });
}
