using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// Hand-made HS256 JWTs, so tests can present tokens the silo would never issue: expired ones,
/// ones signed with another key or for another issuer. The silo's own key is the one it generated
/// in its data folder.
/// </summary>
public static class TestTokens
{
    /// <summary>The key a silo generated in its data folder (it was started without <c>Auth__SigningKey</c>).</summary>
    public static byte[] SiloKey(SiloProcess silo) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(silo.DataPath, "signing.key")).Trim());

    /// <summary>A token for <paramref name="userId"/> as the silo would write it, with the given lifetime, issuer and key.</summary>
    public static string Create(byte[] key, string userId, DateTimeOffset expires, string issuer = "realtime")
    {
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["name"] = userId,
            ["iss"] = issuer,
            ["aud"] = issuer,
            ["iat"] = expires.AddDays(-1).ToUnixTimeSeconds(),
            ["nbf"] = expires.AddDays(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        var unsigned = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Encode(signature);
    }

    /// <summary>The token with its payload swapped for one naming <paramref name="userId"/>, keeping the original signature.</summary>
    public static string WithForgedSubject(string token, string userId)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Decode(parts[1]))!;
        payload["sub"] = JsonSerializer.SerializeToElement(userId);
        return parts[0] + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(payload)) + "." + parts[2];
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
