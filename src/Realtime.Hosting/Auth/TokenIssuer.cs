using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Hosting.Auth;

/// <summary>Issues signed JWTs for users (dev tokens).</summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, IOptions<AuthOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A token for <paramref name="userId"/>.</summary>
    public string Issue(string userId, string displayName, string? language)
    {
        var claims = new List<Claim> { new(RealtimeClaims.UserId, userId), new(RealtimeClaims.DisplayName, displayName) };
        if (language is not null)
        {
            claims.Add(new Claim(RealtimeClaims.Language, language));
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            Expires = DateTime.UtcNow.Add(options.Value.DevTokenLifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
