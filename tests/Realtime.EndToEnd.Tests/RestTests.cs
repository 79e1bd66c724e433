using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Realtime.Client;
using Realtime.Contracts.Rooms;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary>The REST API, health and metrics over plain HTTP, against a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class RestTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly SiloClients _clients = new(fixture.Silo);

    private HttpClient Http => _clients.Http;

    public static TheoryData<string> BadDevTokenBodies => new()
    {
        "{}",
        "{\"userId\":\"\"}",
        "{\"userId\":null}",
        "{\"userId\":\"a b\"}",
        "{\"userId\":\"\u00fc\"}",
        $"{{\"userId\":\"{new string('u', 65)}\"}}",
        $"{{\"userId\":\"u1\",\"displayName\":\"{new string('n', 41)}\"}}",
        "{\"userId\":\"u1\",\"displayName\":\"   \"}",
        "{\"userId\":\"u1\",\"language\":\"not a tag!\"}",
        "{\"userId\":\"u1\",\"language\":\"e\"}",
        "{\"userId\":\"u1\",\"language\":\"\"}",
    };

    public static TheoryData<string?, string?> BadRooms => new()
    {
        { string.Empty, "Fine title" },
        { null, "Fine title" },
        { "a b", "Fine title" },
        { new string('r', 65), "Fine title" },
        { "{new}", string.Empty },
        { "{new}", "   " },
        { "{new}", null },
        { "{new}", new string('t', 101) },
        { "{new}", string.Concat(Enumerable.Repeat("\U0001F3A4", 101)) },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _clients.DisposeAsync().AsTask();

    [Fact]
    public async Task ADevTokenIsIssuedAndWorksOnTheHub()
    {
        var userId = SiloClients.NewId("ann");
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));

        using var response = await Http.PostAsJsonAsync("/api/auth/dev-token", new { userId, displayName = "  Ann Lee ", language = "ES" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        await using var client = new RealtimeClient(RealtimeConnectionOptions.ForServer(fixture.Silo.BaseUri, token));
        await client.ConnectAsync();
        var ack = await client.SendChatAsync(roomId, "hi", "hola");
        var message = (await client.JoinRoomAsync(roomId)).Messages.Single(m => m.Seq == ack.Seq);
        Assert.Equal(userId, message.UserId);
        Assert.Equal("Ann Lee", message.DisplayName);
        Assert.Equal("es", message.Language);
    }

    [Fact]
    public async Task ADevTokenWithoutADisplayNameUsesTheUserIdAndFortyCharactersAreAllowed()
    {
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var plain = SiloClients.NewId("plain");
        var longName = new string('\u00e9', 40);

        var plainToken = await TokenFromBodyAsync($"{{\"userId\":\"{plain}\"}}");
        var namedToken = await TokenFromBodyAsync($"{{\"userId\":\"{SiloClients.NewId("named")}\",\"displayName\":\"{longName}\"}}");

        await using var a = new RealtimeClient(RealtimeConnectionOptions.ForServer(fixture.Silo.BaseUri, plainToken));
        await using var b = new RealtimeClient(RealtimeConnectionOptions.ForServer(fixture.Silo.BaseUri, namedToken));
        await a.ConnectAsync();
        await b.ConnectAsync();
        await a.SendChatAsync(roomId, "a", "one");
        await b.SendChatAsync(roomId, "b", "two");
        var snapshot = await a.JoinRoomAsync(roomId);
        Assert.Equal([plain, longName], snapshot.Messages.Select(m => m.DisplayName));
    }

    [Theory]
    [MemberData(nameof(BadDevTokenBodies))]
    public async Task ADevTokenRequestWithBadInputIsA400ProblemAndIssuesNoToken(string body)
    {
        using var response = await PostJsonAsync("/api/auth/dev-token", body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid");
        Assert.False(problem.TryGetProperty("token", out _));
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("{\"userId\":", "application/json")]
    [InlineData("[\"u1\"]", "application/json")]
    [InlineData("{\"userId\":42}", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("{\"userId\":\"u1\"}", "text/plain")]
    public async Task AMalformedDevTokenRequestIsA400Problem(string body, string contentType)
    {
        using var response = await Http.PostAsync("/api/auth/dev-token", new StringContent(body, Encoding.UTF8, contentType));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid");
        Assert.False(problem.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task CreatingARoomAnswers201WithTheRoomAndTheCallerHostsIt()
    {
        var hostId = SiloClients.NewId("host");
        var roomId = SiloClients.NewId("room");
        var token = await _clients.TokenAsync(hostId);

        using var response = await PostJsonAsync("/api/rooms", JsonSerializer.Serialize(new { roomId, title = "  Cafe\u0301 live  " }), token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var room = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(roomId, room.GetProperty("roomId").GetString());
        Assert.Equal("Caf\u00e9 live", room.GetProperty("title").GetString());
        Assert.Equal(hostId, room.GetProperty("hostId").GetString());
        Assert.Equal(0, room.GetProperty("viewers").GetInt64());
        Assert.Equal(0, room.GetProperty("likes").GetInt64());
        var fetched = await GetRoomAsync(roomId);
        Assert.Equal(hostId, fetched.GetProperty("hostId").GetString());
        var host = await _clients.ConnectAsync(hostId);
        await host.SetSlowModeAsync(roomId, 1);
    }

    [Fact]
    public async Task ATitleOfExactlyAHundredCodePointsIsAccepted()
    {
        var token = await _clients.TokenAsync(SiloClients.NewId("host"));
        var title = string.Concat(Enumerable.Repeat("\U0001F3A4", 100));

        var room = await _clients.Rest.CreateRoomAsync(SiloClients.NewId("room"), title, token);

        Assert.Equal(title, room.Title);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task CreatingARoomWithoutAValidTokenIs401AndCreatesNothing(string? authorization)
    {
        var roomId = SiloClients.NewId("room");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { roomId, title = "Sneaky" }), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Contains(' ', StringComparison.Ordinal) ? authorization : "Bearer " + authorization);
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertRoomDoesNotExistAsync(roomId);
    }

    [Fact]
    public async Task CreatingARoomWithAnExpiredTokenIs401()
    {
        var roomId = SiloClients.NewId("room");
        var expired = TestTokens.Create(TestTokens.SiloKey(fixture.Silo), SiloClients.NewId("late"), DateTimeOffset.UtcNow.AddHours(-2));

        using var response = await PostJsonAsync("/api/rooms", JsonSerializer.Serialize(new { roomId, title = "Too late" }), expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertRoomDoesNotExistAsync(roomId);
    }

    [Theory]
    [MemberData(nameof(BadRooms))]
    public async Task CreatingARoomWithABadIdOrTitleIsA400ProblemAndCreatesNothing(string? roomId, string? title)
    {
        var fresh = SiloClients.NewId("room");
        var id = roomId == "{new}" ? fresh : roomId;
        var token = await _clients.TokenAsync(SiloClients.NewId("host"));

        using var response = await PostJsonAsync("/api/rooms", JsonSerializer.Serialize(new { roomId = id, title }), token);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid");
        await AssertRoomDoesNotExistAsync(fresh);
        Assert.DoesNotContain(await _clients.Rest.ListRoomsAsync(1000), r => r.RoomId == id);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"roomId\":\"r\",\"title\":")]
    [InlineData("{\"roomId\":7,\"title\":\"t\"}")]
    public async Task AMalformedCreateRoomRequestIsA400Problem(string body)
    {
        var token = await _clients.TokenAsync(SiloClients.NewId("host"));

        using var response = await PostJsonAsync("/api/rooms", body, token);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid");
    }

    [Fact]
    public async Task CreatingARoomThatExistsIs409ConflictAndKeepsTheFirstRoom()
    {
        var firstHost = SiloClients.NewId("first");
        var roomId = SiloClients.NewId("room");
        await _clients.Rest.CreateRoomAsync(roomId, "The original", await _clients.TokenAsync(firstHost));

        using var other = await PostJsonAsync("/api/rooms", JsonSerializer.Serialize(new { roomId, title = "The imposter" }), await _clients.TokenAsync(SiloClients.NewId("second")));
        using var same = await PostJsonAsync("/api/rooms", JsonSerializer.Serialize(new { roomId, title = "Again" }), await _clients.TokenAsync(firstHost));

        await AssertProblemAsync(other, HttpStatusCode.Conflict, "conflict");
        await AssertProblemAsync(same, HttpStatusCode.Conflict, "conflict");
        var room = await GetRoomAsync(roomId);
        Assert.Equal("The original", room.GetProperty("title").GetString());
        Assert.Equal(firstHost, room.GetProperty("hostId").GetString());
        var snapshot = await (await _clients.ConnectAsync(null)).JoinRoomAsync(roomId);
        Assert.Equal(firstHost, snapshot.HostId);
        Assert.Equal("The original", snapshot.Title);
    }

    [Fact]
    public async Task TheRoomListPutsTheRoomWithMoreViewersFirst()
    {
        var quiet = await _clients.CreateRoomAsync(SiloClients.NewId("host"), "Quiet room");
        var busy = await _clients.CreateRoomAsync(SiloClients.NewId("host"), "Busy room");
        await (await _clients.ConnectAsync(null)).JoinRoomAsync(quiet);
        for (var i = 0; i < 3; i++)
        {
            await (await _clients.ConnectAsync(null)).JoinRoomAsync(busy);
        }

        // The directory is refreshed by each room's own timer; there is no event to await, so poll.
        var rooms = await EventuallyAsync(
            () => _clients.Rest.ListRoomsAsync(1000),
            list => list.Any(r => r.RoomId == quiet && r.Viewers == 1) && list.Any(r => r.RoomId == busy && r.Viewers == 3));

        var ids = rooms.Select(r => r.RoomId).ToList();
        Assert.True(ids.IndexOf(busy) < ids.IndexOf(quiet), string.Join(", ", rooms.Select(r => $"{r.RoomId}={r.Viewers}")));
        Assert.Equal(rooms.Select(r => r.Viewers).OrderByDescending(v => v), rooms.Select(r => r.Viewers));
        var busyRoom = rooms.Single(r => r.RoomId == busy);
        Assert.Equal("Busy room", busyRoom.Title);
        Assert.Equal(0, busyRoom.Likes);
    }

    [Fact]
    public async Task TheRoomListReturnsAtMostLimitRooms()
    {
        await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var all = await _clients.Rest.ListRoomsAsync(1000);

        var one = await _clients.Rest.ListRoomsAsync(1);
        var two = await _clients.Rest.ListRoomsAsync(2);
        var byDefault = await _clients.Rest.ListRoomsAsync();

        Assert.True(all.Count >= 2);
        Assert.Single(one);
        Assert.Equal(2, two.Count);
        Assert.Equal(Math.Min(all.Count, 100), byDefault.Count);
        Assert.True(one[0].Viewers >= two[1].Viewers);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1001")]
    public async Task ARoomListLimitOutOfRangeIsA400Problem(string limit)
    {
        using var response = await Http.GetAsync("/api/rooms?limit=" + limit);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid");
    }

    [Fact]
    public async Task AnUnknownRoomIs404()
    {
        await AssertRoomDoesNotExistAsync(SiloClients.NewId("nothing"));
    }

    [Fact]
    public async Task HealthzSaysOk()
    {
        using var response = await Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsArePrometheusTextAndCountTheTrafficOfAChat()
    {
        var roomId = await _clients.CreateRoomAsync(SiloClients.NewId("host"));
        var chatter = await _clients.ConnectAsync(SiloClients.NewId("chatter"));
        var watcher = await _clients.ConnectAsync(null);
        var seen = new EventLog<ChatMessage>();
        watcher.OnChat(seen.Add);
        await watcher.JoinRoomAsync(roomId);
        var before = await ScrapeAsync();

        await chatter.SendChatAsync(roomId, "m1", "counted");
        var second = await chatter.SendChatAsync(roomId, "m2", "also counted");
        // The bridge sends a room's events one after another and counts each delivery before the
        // next, so once the second line arrived the first one's delivery is in the counter.
        await seen.WaitAsync(m => m.Seq == second.Seq);
        var after = await ScrapeAsync();

        foreach (var (name, type) in new[]
        {
            ("realtime_connections", "gauge"),
            ("realtime_active_rooms", "gauge"),
            ("realtime_messages_in_total", "counter"),
            ("realtime_deliveries_out_total", "counter"),
            ("realtime_grain_activations", "gauge"),
            ("realtime_storage_write_seconds", "histogram"),
        })
        {
            Assert.Contains($"# TYPE {name} {type}\n", after.Text, StringComparison.Ordinal);
        }

        Assert.True(after.Values["realtime_connections"] >= 2, "two clients are connected, the metric says " + after.Values["realtime_connections"]);
        Assert.True(after.Values["realtime_active_rooms"] >= 1);
        Assert.True(after.Values["realtime_grain_activations"] >= 1);
        Assert.True(after.Values["realtime_messages_in_total"] >= before.Values["realtime_messages_in_total"] + 2);
        Assert.True(after.Values["realtime_deliveries_out_total"] > before.Values["realtime_deliveries_out_total"]);
        Assert.True(after.Values["realtime_storage_write_seconds_count"] >= before.Values["realtime_storage_write_seconds_count"] + 2);
    }

    [Fact]
    public async Task OpenConnectionsAreCounted()
    {
        for (var i = 0; i < 3; i++)
        {
            await _clients.ConnectAsync(null);
        }

        var open = (await ScrapeAsync()).Values["realtime_connections"];

        Assert.True(open >= 3, $"three clients are connected, the metric says {open}");
    }

    [Fact]
    public async Task WithDevTokensOffTheDevTokenEndpointIs404()
    {
        await using var silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string> { ["Auth__DevTokens"] = "false" });
        using var http = new HttpClient { BaseAddress = silo.BaseUri };

        using var response = await http.PostAsJsonAsync("/api/auth/dev-token", new { userId = "u1", displayName = "Ann" });
        using var health = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        // Tokens signed with the silo's key still work: only the development shortcut is gone.
        var token = TestTokens.Create(TestTokens.SiloKey(silo), "u1", DateTimeOffset.UtcNow.AddHours(1));
        var room = await new RealtimeRestClient(http).CreateRoomAsync(SiloClients.NewId("room"), "Still open", token);
        Assert.Equal("u1", room.HostId);
    }

    private async Task<string> TokenFromBodyAsync(string body)
    {
        using var response = await PostJsonAsync("/api/auth/dev-token", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Http.SendAsync(request);
    }

    private async Task<JsonElement> GetRoomAsync(string roomId)
    {
        using var response = await Http.GetAsync($"/api/rooms/{roomId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task AssertRoomDoesNotExistAsync(string roomId)
    {
        using var response = await Http.GetAsync($"/api/rooms/{roomId}");
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), text);
        return problem;
    }

    private async Task<Scrape> ScrapeAsync()
    {
        using var response = await Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#') || line.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(' ');
            Assert.Equal(2, parts.Length);
            values[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        return new Scrape(text, values);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    private sealed record Scrape(string Text, IReadOnlyDictionary<string, double> Values);
}
