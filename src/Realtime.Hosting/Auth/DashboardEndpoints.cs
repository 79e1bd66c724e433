using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Dashboard;

namespace Realtime.Hosting.Auth;

/// <summary>The Orleans dashboard at <c>/dashboard</c>, for operators only (401 without a token, 403 for other users).</summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the dashboard behind the admin policy; a token given as <c>?access_token=</c> is kept in a cookie.</summary>
    public static WebApplication MapRealtimeDashboard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AuthServiceCollectionExtensions.DashboardPath)
                && context.Request.Query["access_token"] is { Count: > 0 } token
                && context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.Cookies.Append(AuthServiceCollectionExtensions.DashboardCookie, token.ToString(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Path = AuthServiceCollectionExtensions.DashboardPath,
                    Secure = context.Request.IsHttps,
                });
            }

            await next(context);
        });
        app.MapOrleansDashboard(AuthServiceCollectionExtensions.DashboardPath)
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        return app;
    }
}
