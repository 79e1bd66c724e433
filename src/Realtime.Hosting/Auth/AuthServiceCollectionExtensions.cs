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
    /// <summary>The authorization policy of operator pages: a user listed in <c>Auth:Admins</c>.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Where the Orleans dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";

    /// <summary>The cookie that carries an operator's token between dashboard requests.</summary>
    public const string DashboardCookie = "realtime_dashboard";

    /// <summary>Adds authentication, authorization and the token issuer.</summary>
    public static IServiceCollection AddRealtimeAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth");
        services.AddOptions<AuthOptions>().Bind(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKeyProvider.Resolve(options.SigningKey, DataFolder.Resolve(configuration));
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountRoles>();
        var admins = options.AdminIds;
        services.AddAuthorization(authorization => authorization.AddPolicy(AdminPolicy, policy =>
            policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.User.FindFirst(RealtimeClaims.UserId)?.Value is { } id && admins.Contains(id))));
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
                    else if (context.HttpContext.Request.Path.StartsWithSegments(DashboardPath))
                    {
                        // A browser cannot send a header when it opens a page: the dashboard takes the
                        // token once in the query and keeps it in a cookie scoped to the dashboard.
                        context.Token = !string.IsNullOrEmpty(token) ? token.ToString() : context.Request.Cookies[DashboardCookie];
                    }

                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }
}
