using System.Net;
using System.Net.Http.Headers;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>What operators see of a silo: the Orleans dashboard (admins only), Orleans' meters and the relays on /metrics.</summary>
public sealed class OperatorPagesTests : IAsyncLifetime
{
    private const string Admin = "ops-admin";
    private SiloProcess? _silo;
    private SiloClients? _clients;

    private SiloClients Clients => _clients ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string> { ["Auth__Admins"] = "someone-else, " + Admin });
        _clients = new SiloClients(_silo);
    }

    public async Task DisposeAsync()
    {
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheDashboardTurnsAwayAnonymousCallersAndUsersWhoAreNotAdmins()
    {
        using var anonymous = await Clients.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var viewer = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        viewer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Clients.TokenAsync("just-a-viewer"));
        using var refused = await Clients.Http.SendAsync(viewer);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var forged = await Clients.Http.GetAsync("/dashboard/?access_token=not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task AnAdminOpensTheDashboardOnceByLinkAndItsCookieCarriesTheNextRequests()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = _silo!.BaseUri };
        var token = await Clients.TokenAsync(Admin);

        using var page = await browser.GetAsync("/dashboard/?access_token=" + token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var counters = await browser.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        // The dashboard's data, not only its page, answers on the cookie alone.
        Assert.Contains("\"totalActivationCount\":", await counters.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MetricsCarryOrleansOwnMetersAndTheRelayBatchesOfAChat()
    {
        var roomId = await Clients.CreateRoomAsync("host");
        var viewer = await Clients.ConnectAsync("viewer");
        var seen = new EventLog<Realtime.Contracts.Rooms.ChatMessage>();
        viewer.OnChat(seen.Add);
        await viewer.JoinRoomAsync(roomId);
        var sender = await Clients.ConnectAsync("sender");
        var ack = await sender.SendChatAsync(roomId, "m1", "hello operators");
        await seen.WaitAsync(m => m.Seq == ack.Seq);

        var text = await Clients.Http.GetStringAsync("/metrics");

        Assert.Contains("\norleans_", text, StringComparison.Ordinal);
        Assert.True(Counter(text, "realtime_relay_batches_sent_total") >= 1, text);
        Assert.True(Counter(text, "realtime_relay_batches_received_total") >= 1, text);
        Assert.True(Counter(text, "realtime_grain_activations") >= 1, text);
    }

    private static long Counter(string metrics, string name)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
