using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Realtime.Contracts.Hub;
using Realtime.Hosting.Silo;

namespace Realtime.Hosting.Auth;

/// <summary>JWT bearer authentication with the silo's key; the hub also takes <c>access_token</c>.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>Adds authentication, authorization and the token issuer.</summary>
    public static IServiceCollection AddRealtimeAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth");
        services.AddOptions<AuthOptions>().Bind(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKeyProvider.Resolve(options.SigningKey, DataFolder.Resolve(configuration));
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidIssuer = options.Issuer,
                ValidAudience = options.Issuer,
                NameClaimType = RealtimeClaims.DisplayName,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubPaths.Live))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }
}
