using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans;
using Realtime.Contracts.Commerce;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Validation;
using Realtime.Grains.Commerce;
using Realtime.Grains.Common;
using Realtime.Grains.Rooms;
using Realtime.Hosting.Auth;
using Realtime.Hosting.Moderation;
using Realtime.Moderation;

namespace Realtime.Hosting.Rest;

/// <summary>
/// <c>/api/rooms/{roomId}/products</c> and <c>/orders</c>: the host puts products on sale and
/// reads the orders; anyone lists the products with their stock.
/// </summary>
public static class ProductEndpoints
{
    private const int OrdersPerProduct = 10_000;

    /// <summary>Maps the product and order endpoints.</summary>
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var room = HubPaths.Rooms + "/{roomId}";

        endpoints.MapPost(room + "/products", async (string roomId, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, ContentModeration moderation, CancellationToken cancellationToken) =>
        {
            var userId = user.FindFirst(RealtimeClaims.UserId)!.Value;
            if (!ContractRules.IsValidId(roomId))
            {
                return ProblemResults.Invalid("roomId must match [A-Za-z0-9_-]{1,64}");
            }

            var (body, error) = await JsonBody.ReadAsync<CreateProductRequest>(request, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var invalid = Validate(body!, out var command);
            if (invalid is not null)
            {
                return ProblemResults.Invalid(invalid);
            }

            try
            {
                // A product's title is public text like a chat line.
                var title = moderation.Check(command!.Title, ContentChannel.Chat);
                if (title.Held)
                {
                    throw new RealtimeException(ErrorCodes.BlockedTerm, "this title needs a moderator's review; choose another");
                }

                var productId = "p" + Guid.NewGuid().ToString("N")[..11];
                var product = await grains.GetGrain<IRoomGrain>(roomId).AddProductAsync(userId, productId, command with { Title = title.Text }, cancellationToken);
                return Results.Created($"{room.Replace("{roomId}", roomId, StringComparison.Ordinal)}/products/{productId}", product);
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        }).RequireAuthorization();

        endpoints.MapGet(room + "/products", async (string roomId, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            if (!ContractRules.IsValidId(roomId))
            {
                return ProblemResults.Invalid("roomId must match [A-Za-z0-9_-]{1,64}");
            }

            try
            {
                var ids = await grains.GetGrain<IRoomGrain>(roomId).ListProductIdsAsync(null, cancellationToken);
                var products = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProductGrain>(ProductKeys.For(roomId, id)).GetAsync(cancellationToken)));
                return Results.Ok(products.OfType<Product>().ToList());
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        });

        endpoints.MapGet(room + "/orders", async (string roomId, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            if (!ContractRules.IsValidId(roomId))
            {
                return ProblemResults.Invalid("roomId must match [A-Za-z0-9_-]{1,64}");
            }

            try
            {
                var ids = await grains.GetGrain<IRoomGrain>(roomId).ListProductIdsAsync(user.FindFirst(RealtimeClaims.UserId)!.Value, cancellationToken);
                var orders = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProductGrain>(ProductKeys.For(roomId, id)).ListOrdersAsync(OrdersPerProduct, cancellationToken)));
                return Results.Ok(orders.SelectMany(o => o).OrderBy(o => o.CreatedAt).ToList());
            }
            catch (RealtimeException e)
            {
                return ProblemResults.From(e);
            }
        }).RequireAuthorization();
        return endpoints;
    }

    private static string? Validate(CreateProductRequest body, out CreateProductCommand? command)
    {
        command = null;
        var title = ContractRules.NormalizeText(body.Title ?? "", 1, Limits.ProductTitleMax);
        if (title is null)
        {
            return $"title must be 1-{Limits.ProductTitleMax} characters";
        }

        if (body.PriceCents is not { } price || price is < 0 or > Limits.PriceCentsMax)
        {
            return $"priceCents must be 0-{Limits.PriceCentsMax} (the currency's minor unit)";
        }

        if (body.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return "currency must be an ISO 4217 code such as CNY, USD or EUR";
        }

        if (body.Stock is not { } stock || stock is < 1 or > Limits.ProductStockMax)
        {
            return $"stock must be 1-{Limits.ProductStockMax}";
        }

        if (body.ImageUrl is { } url
            && (url.Length > Limits.ImageUrlMax || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return "imageUrl must be an http or https URL";
        }

        command = new CreateProductCommand(title, price, currency, stock, body.ImageUrl);
        return null;
    }
}
