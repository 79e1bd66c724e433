using System.Text;
using Realtime.Runtime.Grains;

namespace Realtime.Runtime.Cluster;

/// <summary>
/// Rendezvous (highest random weight) hashing: a grain's owner is the live silo with the highest
/// hash of (silo, grain). Every silo with the same live set computes the same owner, and a silo
/// joining or leaving moves only the grains it gains or held.
/// </summary>
public static class RendezvousPlacement
{
    /// <summary>The owner of <paramref name="id"/> among <paramref name="liveSilos"/> (not empty).</summary>
    public static string Owner(GrainId id, IReadOnlyList<string> liveSilos)
    {
        var grain = Hash(id.Type, id.Key);
        string? best = null;
        var bestWeight = 0UL;
        foreach (var silo in liveSilos)
        {
            var weight = Mix(grain ^ Hash(silo, string.Empty));
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silo, best) < 0))
            {
                best = silo;
                bestWeight = weight;
            }
        }

        return best ?? throw new InvalidOperationException("No live silo to place a grain on.");
    }

    private static ulong Hash(string a, string b)
    {
        // FNV-1a over UTF-8; stable across processes and runtimes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b8 in Encoding.UTF8.GetBytes(a + "\u0000" + b))
        {
            hash = (hash ^ b8) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finaliser: spreads FNV's weak low bits so weights compare fairly.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
