using System.Collections.Concurrent;
using BaiTiaoSwitch.Grants;
using BaiTiaoSwitch.Payments;

namespace BaiTiaoSwitch.Client;

/// <summary>
/// Grant → account routes the SDK has learned, so a payment goes straight to its account grain: one hop. A route
/// never changes once its grant exists (a grant stays on its card and line), so an entry never goes stale; the account
/// still decides every payment against its own copy of the grant's status, so a revoke is never missed. Bounded: it
/// starts over when full.
/// </summary>
internal sealed class PaymentRoutes
{
    /// <summary>Routes kept at most.</summary>
    public const int RoutesMax = 100_000;
    private readonly ConcurrentDictionary<string, GrantRoute> routes = new(StringComparer.Ordinal);

    /// <summary>The route of <paramref name="grantId"/>, asking the cluster (the router checks the caller may see it) once.</summary>
    public async Task<GrantRoute> Of(string grantId, Func<string, Task<GrantRoute>> ask)
    {
        if (routes.TryGetValue(Ids.Require(grantId, "grantId"), out var known))
        {
            return known;
        }

        var route = await ask(grantId).ConfigureAwait(false);
        Remember(route);
        return route;
    }

    private void Remember(GrantRoute route)
    {
        if (routes.Count >= RoutesMax)
        {
            routes.Clear();
        }

        routes[route.GrantId] = route;
    }

    /// <summary>
    /// Learns the route of a grant the cluster showed this client (made, bound, read or changed): the answer carries
    /// the grant's line and card, so its first payment needs no lookup. Safe whoever asked: the account still refuses a
    /// payment through another channel's grant, whatever route it came over.
    /// </summary>
    public Grant Learn(Grant grant)
    {
        if (!routes.ContainsKey(grant.GrantId))
        {
            Remember(new GrantRoute(grant.GrantId, grant.AccountId, grant.CardId, grant.Channel));
        }

        return grant;
    }

    /// <summary>The grant an authorization, capture or refund id was made through.</summary>
    public static string GrantOf(string paymentId) =>
        PaymentIds.GrantIdOf(paymentId) ?? throw new NotFoundException("No such authorization or capture.");
}
