using System.Net.Http.Headers;
using System.Text.Json;
using Realtime.Client;
using Realtime.Testing;

namespace Realtime.Cluster.Tests;

/// <summary>Clients of a cluster: tokens, rooms, connections to a chosen silo, and where grains run.</summary>
public sealed class ClusterClients : IAsyncDisposable
{
    /// <summary>The user the fixtures list in <c>Auth:Admins</c>: it may read the Orleans dashboard.</summary>
    public const string Operator = "ops";

    private readonly List<RealtimeClient> _clients = [];
    private readonly List<HttpClient> _https = [];
    private readonly HttpClient _http;

    public ClusterClients(SiloProcess anySilo) => _http = new HttpClient { BaseAddress = anySilo.BaseUri };

    public RealtimeRestClient Rest => new(_http);

    /// <summary>The REST client of one silo in particular (its HTTP client lives as long as this object).</summary>
    public RealtimeRestClient RestOn(SiloProcess silo)
    {
        var http = new HttpClient { BaseAddress = silo.BaseUri };
        lock (_clients)
        {
            _https.Add(http);
        }

        return new RealtimeRestClient(http);
    }

    public Task<string> TokenAsync(string userId) => Rest.GetDevTokenAsync(userId, userId);

    /// <summary>A client connected to <paramref name="silo"/>.</summary>
    public Task<RealtimeClient> ConnectAsync(SiloProcess silo, string? userId, ReconnectPolicy? reconnect = null) =>
        ConnectAsync(silo.BaseUri, userId, reconnect);

    /// <summary>A client connected to a silo or to a balancer in front of silos.</summary>
    public async Task<RealtimeClient> ConnectAsync(Uri server, string? userId, ReconnectPolicy? reconnect = null)
    {
        var token = userId is null ? null : await TokenAsync(userId);
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(server).HubUri,
            AccessToken = token,
            ReconnectPolicy = reconnect,
        });
        await client.ConnectAsync();
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>
    /// How many activations of grain classes whose name ends with <paramref name="grainClass"/> each
    /// silo runs, keyed by the silo's Orleans port, as the Orleans dashboard of <paramref name="via"/>
    /// reports them (its <c>DashboardCounters</c> API, behind the operator's token). The dashboard
    /// gathers these from every silo about once a second, so a fresh activation shows up within a
    /// second or two: poll with a deadline.
    /// </summary>
    /// <summary>
    /// <see cref="ActivationsPerSiloAsync"/> once the dashboard counts at least <paramref name="expected"/>
    /// activations of the class (its figures lag a second), or what it counts after 5 s.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> SettledActivationsPerSiloAsync(SiloProcess via, string grainClass, int expected)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var counts = await ActivationsPerSiloAsync(via, grainClass);
            if (counts.Values.Sum() >= expected || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return counts;
            }

            await Task.Delay(250);
        }
    }

    public async Task<IReadOnlyDictionary<int, int>> ActivationsPerSiloAsync(SiloProcess via, string grainClass)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(via.BaseUri, "/dashboard/DashboardCounters"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Operator));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var counts = new Dictionary<int, int>();
        foreach (var stat in Property(json.RootElement, "simpleGrainStats").EnumerateArray())
        {
            var type = Property(stat, "grainType").GetString() ?? "";
            if (!type.EndsWith(grainClass, StringComparison.Ordinal))
            {
                continue;
            }

            // "127.0.0.1:11111@123456789": address, Orleans port, generation.
            var address = Property(stat, "siloAddress").GetString() ?? "";
            var port = int.Parse(address.Split('@')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
            counts[port] = counts.GetValueOrDefault(port) + Property(stat, "activationCount").GetInt32();
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        List<RealtimeClient> clients;
        lock (_clients)
        {
            clients = _clients.ToList();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        _http.Dispose();
        foreach (var http in _https)
        {
            http.Dispose();
        }
    }

    private static JsonElement Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        throw new KeyNotFoundException($"no '{name}' in {element}");
    }
}
