using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Realtime.Hosting.Auth;

/// <summary>Who is an operator (<c>Auth:Admins</c>) and who a verified business (<c>Auth:Businesses</c> or a <c>business</c> claim).</summary>
public sealed class AccountRoles(IOptions<AuthOptions> options)
{
    private readonly IReadOnlySet<string> _admins = options.Value.AdminIds;
    private readonly IReadOnlySet<string> _businesses = options.Value.BusinessIds;

    /// <summary>True for an operator, who moderates the whole platform.</summary>
    public bool IsAdmin(string userId) => _admins.Contains(userId);

    /// <summary>True for a verified business, which may give contact details where the rules allow.</summary>
    public bool IsBusiness(ClaimsPrincipal? user, string userId) =>
        _businesses.Contains(userId)
        || string.Equals(user?.FindFirst(RealtimeClaims.Business)?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
