using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Realtime.Client;
using Realtime.Contracts.Errors;
using Realtime.Contracts.Notes;
using Realtime.EndToEnd.Tests.Support;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests;

/// <summary><c>POST /api/notes</c> and <c>GET /api/notes/{noteId}</c> against a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed partial class NoteRestTests(SiloFixture fixture) : IAsyncLifetime
{
    private const string Emoji = "\U0001F35C";
    private readonly NoteWorld _world = new(fixture.Silo);

    /// <summary>Bodies that break the contract: (what, JSON text, content type).</summary>
    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "empty title", """{"title":"","body":"b"}""", "application/json" },
        { "blank title", """{"title":" \t\n\u00a0\u3000 ","body":"b"}""", "application/json" },
        { "missing title", """{"body":"b"}""", "application/json" },
        { "null title", """{"title":null,"body":"b"}""", "application/json" },
        { "title of 101 characters", Json(new string('t', 101), "b", null), "application/json" },
        { "title of 101 emoji", Json(string.Concat(Enumerable.Repeat(Emoji, 101)), "b", null), "application/json" },
        { "body of 5001 characters", Json("title", new string('b', 5001), null), "application/json" },
        { "body of 5001 emoji", Json("title", string.Concat(Enumerable.Repeat(Emoji, 5001)), null), "application/json" },
        { "malformed language", Json("title", "b", "not a tag!"), "application/json" },
        { "one-letter language", Json("title", "b", "e"), "application/json" },
        { "numeric language", Json("title", "b", "123"), "application/json" },
        { "empty language", Json("title", "b", ""), "application/json" },
        { "lone surrogate in the title", """{"title":"half \ud83d","body":"b"}""", "application/json" },
        { "truncated JSON", """{"title":"Hotpot","body":""", "application/json" },
        { "not JSON at all", "title=Hotpot&body=b", "application/json" },
        { "JSON null", "null", "application/json" },
        { "a title of the wrong type", """{"title":42,"body":"b"}""", "application/json" },
        { "form content", "title=Hotpot", "application/x-www-form-urlencoded" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _world.DisposeAsync().AsTask();

    [Fact]
    public async Task CreatingANoteAnswers201WithEveryFieldOfTheNoteAndItsLocation()
    {
        var author = NoteWorld.NewUser("author");
        var token = await _world.TokenAsync(author);

        using var response = await PostAsync(Json("Hotpot in Chengdu", "Where the locals eat.", "en"), token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var note = document.RootElement;
        Assert.Equal(["authorId", "body", "createdAt", "language", "noteId", "title"], note.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var noteId = note.GetProperty("noteId").GetString()!;
        Assert.Matches(IdPattern(), noteId);
        Assert.Equal(author, note.GetProperty("authorId").GetString());
        Assert.Equal("Hotpot in Chengdu", note.GetProperty("title").GetString());
        Assert.Equal("Where the locals eat.", note.GetProperty("body").GetString());
        Assert.Equal("en", note.GetProperty("language").GetString());
        var createdAt = DateTimeOffset.Parse(note.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
        Assert.EndsWith("/api/notes/" + noteId, response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachCreatedNoteGetsItsOwnId()
    {
        var token = await _world.TokenAsync(NoteWorld.NewUser("author"));

        var notes = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _world.Rest.CreateNoteAsync($"Note {i}", "same body", token)));

        Assert.Equal(5, notes.Select(n => n.NoteId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ANoteReadsBackExactlyAsItWasCreatedWithoutAToken()
    {
        var author = NoteWorld.NewUser("author");
        var created = await _world.Rest.CreateNoteAsync("Night market", "Skewers on every corner.", await _world.TokenAsync(author), "zh-Hans");

        var read = await _world.Rest.GetNoteAsync(created.NoteId);
        using var raw = await _world.Clients.Http.GetAsync($"/api/notes/{created.NoteId}");

        Assert.Equal(created, read);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("zh-Hans", read.Language);
    }

    [Fact]
    public async Task TitleAndBodyAreTrimmedAndNormalisedAndTheLanguageTagIsCanonical()
    {
        var token = await _world.TokenAsync(NoteWorld.NewUser("author"));

        var note = await _world.Rest.CreateNoteAsync("  Cafe\u0301 guide \n", "\t Cre\u0300me bru\u0302le\u0301e  ", token, "ZH-hans");

        Assert.Equal("Caf\u00e9 guide", note.Title);
        Assert.Equal("Cr\u00e8me br\u00fbl\u00e9e", note.Body);
        Assert.Equal("zh-Hans", note.Language);
        Assert.Equal(note, await _world.Rest.GetNoteAsync(note.NoteId));
    }

    [Fact]
    public async Task TheLimitsCountCodePointsSoAHundredEmojiTitleAndAFiveThousandEmojiBodyAreAccepted()
    {
        var token = await _world.TokenAsync(NoteWorld.NewUser("author"));
        var title = string.Concat(Enumerable.Repeat(Emoji, 100));
        var body = string.Concat(Enumerable.Repeat(Emoji, 5000));
        Assert.Equal(200, title.Length);

        var longest = await _world.Rest.CreateNoteAsync(title, body, token);
        var shortest = await _world.Rest.CreateNoteAsync("t", "", token);

        Assert.Equal(title, longest.Title);
        Assert.Equal(body, (await _world.Rest.GetNoteAsync(longest.NoteId)).Body);
        Assert.Equal("t", shortest.Title);
        Assert.Equal("", shortest.Body);
    }

    [Fact]
    public async Task ANoteWithoutABodyOrALanguageHasAnEmptyBodyAndANullLanguage()
    {
        var token = await _world.TokenAsync(NoteWorld.NewUser("author"));

        using var response = await PostAsync("""{"title":"Just a title"}""", token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("", document.RootElement.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("language").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task CreatingWithoutAValidTokenIs401(string? token)
    {
        using var response = await PostAsync(Json("Hotpot", "b", null), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadNoteInputIs400WithAnInvalidProblemDocument(string what, string json, string contentType)
    {
        var token = await _world.TokenAsync(NoteWorld.NewUser("author"));

        using var response = await PostAsync(json, token, contentType);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        var problem = await ProblemAsync(response);
        Assert.Equal(ErrorCodes.Invalid, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), what);
        Assert.Null(response.Headers.Location);
    }

    /// <summary>
    /// Note ids are made by the silo, so "no note was made" is shown on a silo of its own: a refused
    /// create activates no grain at all (the activation gauge stays where it was), while the one
    /// accepted create after them activates exactly its note.
    /// </summary>
    [Fact]
    public async Task RefusedCreatesMakeNothingWhileTheAcceptedOneMakesExactlyItsNote()
    {
        await using var silo = await SiloProcess.StartAsync();
        await using var world = new NoteWorld(silo);
        var token = await world.TokenAsync(NoteWorld.NewUser("author"));
        var before = await ActivationsAsync(world);

        foreach (var (what, json, contentType) in BadBodies.Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            using var refused = await PostAsync(world, json, token, contentType);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)refused.StatusCode}");
        }

        using (var anonymous = await PostAsync(world, Json("Hotpot", "b", null), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(before, await ActivationsAsync(world));
        var note = await world.Rest.CreateNoteAsync("Hotpot", "b", token);
        Assert.Equal(before + 1, await ActivationsAsync(world));
        Assert.Equal("Hotpot", (await world.Rest.GetNoteAsync(note.NoteId)).Title);
    }

    [Fact]
    public async Task CreatingWithAnExpiredForeignOrForgedTokenIs401AndATokenMadeTheSameWayButValidIsAccepted()
    {
        var key = TestTokens.SiloKey(fixture.Silo);
        var user = NoteWorld.NewUser("author");
        var expired = TestTokens.Create(key, user, DateTimeOffset.UtcNow.AddMinutes(-10));
        var foreignKey = TestTokens.Create(new byte[32], user, DateTimeOffset.UtcNow.AddHours(1));
        var foreignIssuer = TestTokens.Create(key, user, DateTimeOffset.UtcNow.AddHours(1), issuer: "someone-else");
        var forged = TestTokens.WithForgedSubject(await _world.TokenAsync(NoteWorld.NewUser("victim")), user);
        var valid = TestTokens.Create(key, user, DateTimeOffset.UtcNow.AddHours(1));

        foreach (var token in new[] { expired, foreignKey, foreignIssuer, forged })
        {
            using var refused = await PostAsync(Json("Hotpot", "b", null), token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var accepted = await PostAsync(Json("Hotpot", "b", null), valid);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Contains($"\"authorId\":\"{user}\"", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingAnUnknownNoteIs404NotFoundAndDoesNotCreateIt()
    {
        var noteId = SiloClients.NewId("missing");

        var first = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetNoteAsync(noteId));
        var second = await Assert.ThrowsAsync<RealtimeApiException>(() => _world.Rest.GetNoteAsync(noteId));

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, first.Code);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var watcher = await _world.ConnectAsync(null);
        await HubAssert.FailsWith(ErrorCodes.NotFound, () => watcher.WatchNoteAsync(noteId));
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("%C3%BC")]
    [InlineData("note.1")]
    [InlineData("note~1")]
    [InlineData("note%2B1")]
    public async Task ReadingWithAMalformedNoteIdIs400Invalid(string escapedId)
    {
        using var response = await _world.Clients.Http.GetAsync("/api/notes/" + escapedId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.Invalid, (await ProblemAsync(response)).Code);
    }

    [Fact]
    public async Task ReadingWithANoteIdOfSixtyFiveCharactersIs400AndSixtyFourIs404()
    {
        using var tooLong = await _world.Clients.Http.GetAsync("/api/notes/" + new string('n', 65));
        using var longest = await _world.Clients.Http.GetAsync("/api/notes/" + new string('n', 64));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(ErrorCodes.Invalid, (await ProblemAsync(tooLong)).Code);
        Assert.Equal(HttpStatusCode.NotFound, longest.StatusCode);
    }

    private static string Json(string title, string body, string? language) =>
        JsonSerializer.Serialize(new CreateNoteRequest(title, body, language), JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private Task<HttpResponseMessage> PostAsync(string json, string? token, string contentType = "application/json") =>
        PostAsync(_world, json, token, contentType);

    private static async Task<HttpResponseMessage> PostAsync(NoteWorld world, string json, string? token, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notes")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await world.Clients.Http.SendAsync(request);
    }

    private static async Task<ProblemBody> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<ProblemBody>(text, JsonOptions) ?? throw new Xunit.Sdk.XunitException("no problem document: " + text);
    }

    private static async Task<long> ActivationsAsync(NoteWorld world)
    {
        var text = await world.Clients.Http.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith("realtime_grain_activations ", StringComparison.Ordinal));
        return long.Parse(line["realtime_grain_activations ".Length..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
