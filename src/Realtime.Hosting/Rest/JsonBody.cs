using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Realtime.Hosting.Rest;

/// <summary>Reads a JSON request body, turning malformed input into the contract's 400 problem.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ProblemResults.Invalid("the body must be application/json"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null ? (null, ProblemResults.Invalid("the body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ProblemResults.Invalid($"malformed JSON: {e.Message}"));
        }
    }
}
