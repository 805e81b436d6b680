using System.Collections.Concurrent;
using BaiTiaoSwitch.Grants;

namespace BaiTiaoSwitch.Payments;

/// <summary>
/// Grant → account routes, per silo. A route never changes once the grant exists, so entries never go stale;
/// the cache is bounded and simply starts over when full.
/// </summary>
public sealed class GrantRouteCache
{
    public const int EntriesMax = 200_000;
    private readonly ConcurrentDictionary<string, GrantRoute> routes = new(StringComparer.Ordinal);

    public bool TryGet(string grantId, out GrantRoute route) => routes.TryGetValue(grantId, out route!);

    public void Add(GrantRoute route)
    {
        if (routes.Count >= EntriesMax)
        {
            routes.Clear();
        }

        routes[route.GrantId] = route;
    }
}
