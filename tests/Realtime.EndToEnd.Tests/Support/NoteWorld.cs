using Realtime.Client;
using Realtime.Contracts.Notes;
using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>
/// People, notes and connections against one silo for note and inbox tests: users connect with a
/// display name of their own (so actor ids and names can be told apart), and every connection is
/// disposed with the world.
/// </summary>
public sealed class NoteWorld(SiloProcess silo) : IAsyncDisposable
{
    private readonly List<RealtimeClient> _clients = [];

    public SiloClients Clients { get; } = new(silo);

    public SiloProcess Silo => silo;

    public RealtimeRestClient Rest => Clients.Rest;

    /// <summary>A fresh user id (a token is not asked for, so the user is not known yet).</summary>
    public static string NewUser(string prefix) => SiloClients.NewId(prefix);

    /// <summary>The display name a user of this world shows: its id with a capital "Name of ".</summary>
    public static string NameOf(string userId) => "Name of " + userId[..Math.Min(userId.Length, 24)];

    /// <summary>A token for <paramref name="userId"/> (which makes the user known to the silo).</summary>
    public Task<string> TokenAsync(string userId, string? language = null) => Clients.TokenAsync(userId, NameOf(userId), language);

    /// <summary>A connected client for <paramref name="userId"/> (null: anonymous), without automatic reconnects.</summary>
    public async Task<RealtimeClient> ConnectAsync(string? userId, string? language = null)
    {
        var token = userId is null ? null : await TokenAsync(userId, language);
        var client = new RealtimeClient(new RealtimeConnectionOptions
        {
            HubUri = RealtimeConnectionOptions.ForServer(silo.BaseUri, token).HubUri,
            AccessToken = token,
            ReconnectPolicy = null,
        });
        await client.ConnectAsync();
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Creates a note by <paramref name="authorId"/> over REST.</summary>
    public async Task<Note> CreateNoteAsync(string authorId, string title = "Hotpot in Chengdu", string body = "Where the locals eat.") =>
        await Rest.CreateNoteAsync(title, body, await TokenAsync(authorId));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Clients.DisposeAsync();
    }
}
