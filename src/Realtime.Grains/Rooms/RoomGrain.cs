using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Realtime.Contracts.Hub;
using Realtime.Contracts.Rooms;
using Realtime.Contracts.Validation;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Durability;
using Realtime.Grains.Events;
using Realtime.Storage;
using Realtime.Translation;

namespace Realtime.Grains.Rooms;

/// <summary>
/// A live room. Keeps the latest chat lines in memory for snapshots and resumes (older ones come
/// from the log), counts viewers per silo, takes likes pre-summed by each silo, and broadcasts
/// counters at most four times a second. Likes are persisted at least twice a second. Lines are
/// translated after they went out, once per tick and reader language.
/// </summary>
public sealed partial class RoomGrain(
    [PersistentState(RoomGrain.StateName, GrainStorageNames.Default)] IPersistentState<DurableState<RoomState>> state,
    DurableGrainServices services,
    IClock clock,
    TranslationFanout translation,
    ILogger<RoomGrain> logger) : DurableGrain<RoomState>(state, services), IRoomGrain
{
    /// <summary>The room's state name in grain storage and its log's type in the log store.</summary>
    public const string StateName = "room";

    private const int Window = Limits.ResumeMax;
    private const int DedupeCapacity = 10_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CountersInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ViewerReportLifetime = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LikesPersistInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DirectoryInterval = TimeSpan.FromSeconds(1);

    private readonly LogWindow<ChatMessage> _window = new(m => m.Seq, Window);
    private readonly DedupeIndex<ChatAck> _dedupe = new(DedupeCapacity);
    private readonly Dictionary<string, (int Viewers, long Version, long ReportedAt)> _siloViewers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastChatAt = new(StringComparer.Ordinal);
    private readonly ReaderLanguages _languages = new();
    private readonly List<ChatMessage> _toTranslate = [];

    private long _sentViewers = -1;
    private long _sentLikes = -1;
    private bool _likesDirty;
    private DateTimeOffset _likesWrittenAt;
    private DateTimeOffset _directoryAt;
    private long _countersAt = long.MinValue / 2;
    private bool _directoryDirty;
    private IDisposable? _ticker;

    private string Topic => Topics.Room(GrainKey);

    private long Viewers => _siloViewers.Values.Sum(v => (long)v.Viewers);

    protected override string LogType => StateName;

    protected override async Task OnLoadedAsync(CancellationToken cancellationToken)
    {
        if (!StateExists)
        {
            return;
        }

        var tail = await ReadLogTailAsync(Window, cancellationToken);
        var messages = tail.Select(r => GrainJson.Deserialize<ChatMessage>(r.Payload)).ToList();
        _window.Load(messages, State.LastSeq);
        for (var i = 0; i < tail.Count; i++)
        {
            if (tail[i].DedupeKey is { } key)
            {
                _dedupe.Remember(key, new ChatAck(messages[i].Seq, messages[i].MessageId, true, Held: State.Held.ContainsKey(messages[i].Seq)));
            }
        }

        // The tail holds live lines only: a deleted line's key is not in it but still taken in the log.
        _dedupe.Complete = tail.Count < Window && tail.Count == State.LastSeq;
        _directoryDirty = true;
        StartTicker();
    }

    protected override Task OnDeactivatingAsync(CancellationToken cancellationToken)
    {
        if (_likesDirty)
        {
            Commit();
        }

        return Task.CompletedTask;
    }

    protected override object? CaptureCommit() => State.LastSeq;

    protected override void OnCommitted(object? captured) => _window.MarkCommitted((long)captured!);

    protected override long CommittedSeq(string topic) => topic == Topic ? _window.Committed : 0;

    protected override async Task<IReadOnlyList<GrainEvent>> ReadItemsAsync(string topic, long afterSeq, CancellationToken cancellationToken)
    {
        if (topic != Topic || !StateExists)
        {
            return [];
        }

        var (messages, _) = await SinceAsync(_window, afterSeq, cancellationToken);
        return Visible(messages).Select(m => new GrainEvent(Topic, HubEvents.Chat, m)).ToList();
    }

    Task<RoomSummary> IRoomGrain.CreateAsync(CreateRoomCommand command, CancellationToken cancellationToken) => Run(() =>
    {
        // A create still waiting for its commit has set the epoch: a second create queued behind it must not overwrite it.
        if (StateExists || State.Epoch.Length > 0)
        {
            throw RealtimeException.Conflict($"room {GrainKey} exists");
        }

        State.Title = command.Title;
        State.HostId = command.HostId;
        State.Epoch = Guid.NewGuid().ToString("N")[..12];
        State.CreatedAt = clock.UtcNow;
        _directoryDirty = true;
        StartTicker();
        Commit();
        return Summary();
    });

    Task<RoomSummary?> IRoomGrain.GetSummaryAsync(CancellationToken cancellationToken) =>
        Run(() => StateExists ? Summary() : null);

    Task<RoomSnapshot> IRoomGrain.JoinAsync(JoinRoomCommand command, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists();
        ApplyReport(command.SiloId, command.SiloViewers, command.Languages, command.ReportVersion);
        if (command.SinceSeq < 0)
        {
            throw RealtimeException.Invalid("sinceSeq must not be negative");
        }

        var (all, recovered) = await SinceAsync(_window, command.SinceSeq, cancellationToken);
        var messages = Visible(all);
        var reader = command.ReaderLanguage;
        return new RoomSnapshot(
            GrainKey, State.Title, State.HostId, Viewers, State.Likes, _window.Committed, State.Epoch, recovered,
            reader is null ? messages : messages.Select(m => WithTranslation(m, reader)).ToList(), State.Pinned, State.SlowModeSeconds, PinnedProductNow());
    });

    Task IRoomGrain.ReportViewersAsync(string siloId, int viewers, IReadOnlyDictionary<string, int>? languages, long version, CancellationToken cancellationToken) => Run(() =>
    {
        if (StateExists)
        {
            ApplyReport(siloId, viewers, languages, version);
        }
    });

    private void ApplyReport(string siloId, int viewers, IReadOnlyDictionary<string, int>? languages, long version)
    {
        if (version != 0 && _siloViewers.TryGetValue(siloId, out var previous) && previous.Version > version)
        {
            return;
        }

        _languages.Report(siloId, languages);
        if (viewers <= 0)
        {
            _siloViewers.Remove(siloId);
        }
        else
        {
            _siloViewers[siloId] = (viewers, version, Environment.TickCount64);
        }
    }

    async Task<ChatAck> IRoomGrain.SendChatAsync(SendChatCommand command, CancellationToken cancellationToken)
    {
        var dedupeKey = command.UserId + "\n" + command.ClientMessageId;
        // Storage is asked before the turn, so that a hot room's turns never wait on a read.
        var stored = _dedupe.NeedsLookup(dedupeKey) ? await FindLogAsync(dedupeKey, cancellationToken) : null;
        return await Run(() => SendChat(command, dedupeKey, stored));
    }

    private ChatAck SendChat(SendChatCommand command, string dedupeKey, LogRecord? stored)
    {
        EnsureExists();
        if (_dedupe.Resolve(dedupeKey, stored, AckOf) is { } duplicate)
        {
            if (duplicate.Seq > _window.Committed)
            {
                // The original is in the commit under way: answer when it is durable, not before.
                Commit();
            }

            return duplicate;
        }

        if (command.OverRateLimit)
        {
            throw new RealtimeException("rate_limited", "too many chat messages; slow down");
        }

        var now = clock.UtcNow;
        var isHost = command.UserId == State.HostId;
        if (State.Bans.TryGetValue(command.UserId, out var until) && until > now)
        {
            throw new RealtimeException("banned", $"you may not chat in {GrainKey} until {until:O}");
        }

        if (!isHost && State.SlowModeSeconds > 0 && _lastChatAt.TryGetValue(command.UserId, out var last))
        {
            var wait = last.AddSeconds(State.SlowModeSeconds) - now;
            if (wait > TimeSpan.Zero)
            {
                throw new RealtimeException("slow_mode", $"slow mode is on; wait {Math.Ceiling(wait.TotalSeconds)} s");
            }
        }

        if (command.ReplyToSeq is { } replyTo && (replyTo < 1 || replyTo > State.LastSeq))
        {
            throw RealtimeException.Invalid($"replyToSeq {replyTo} is not a message of {GrainKey}");
        }

        var seq = ++State.LastSeq;
        var message = new ChatMessage(
            GrainKey, seq, Guid.CreateVersion7().ToString("N"), command.UserId, command.DisplayName, command.Text,
            translation.DetectSource(command.Text, command.Language), command.ReplyToSeq, now, null);
        AppendLog(new LogRecord(seq, dedupeKey, GrainJson.Serialize(message)));
        _window.Add(message);
        var ack = new ChatAck(seq, message.MessageId, false, command.Masked, command.Held);
        _dedupe.Remember(dedupeKey, ack with { Duplicate = true });
        _lastChatAt[command.UserId] = now;
        if (command.Held)
        {
            State.Held[seq] = dedupeKey;
        }
        else
        {
            _toTranslate.Add(message);
            Publish(Topic, HubEvents.Chat, message);
        }

        Commit();
        return ack;
    }

    Task IRoomGrain.AddLikesAsync(LikeBatch batch, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureExists();
        if (batch.Count <= 0)
        {
            throw RealtimeException.Invalid("likes must be positive");
        }

        // Counted already: the batch is a retry whose first answer was lost.
        if (State.LikeBatches.TryGetValue(batch.SiloId, out var last) && batch.Number <= last)
        {
            return;
        }

        State.LikeBatches[batch.SiloId] = batch.Number;
        State.Likes += batch.Count;
        _likesDirty = true;
    });

    Task IRoomGrain.SetSlowModeAsync(string userId, int seconds, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureHost(userId);
        if (seconds is < 0 or > Limits.SlowModeMaxSeconds)
        {
            throw RealtimeException.Invalid($"slow mode seconds must be 0..{Limits.SlowModeMaxSeconds}");
        }

        State.SlowModeSeconds = seconds;
        Publish(Topic, HubEvents.RoomSettings, new RoomSettings(GrainKey, seconds));
        Commit();
    });

    Task IRoomGrain.DeleteChatAsync(string userId, long seq, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureExists();
        var message = await FindMessageAsync(seq, cancellationToken)
            ?? throw RealtimeException.NotFound($"no message {seq} in {GrainKey}");
        if (userId != State.HostId && userId != message.UserId)
        {
            throw RealtimeException.Forbidden("only the host or the author may delete a message");
        }

        Remove(seq);
        Commit();
    });

    /// <summary>Takes a line out of the room: gone from snapshots and resumes, its seq never reused.</summary>
    private void Remove(long seq)
    {
        State.Held.Remove(seq);
        _window.Remove(seq);
        DeleteLog(seq);
        Publish(Topic, HubEvents.ChatDeleted, new ChatDeleted(GrainKey, seq));
        if (State.Pinned?.Seq == seq)
        {
            State.Pinned = null;
            Publish(Topic, HubEvents.ChatPinned, new ChatPinned(GrainKey, null));
        }
    }

    Task IRoomGrain.PinChatAsync(string userId, long? seq, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        EnsureHost(userId);
        ChatMessage? message = null;
        if (seq is { } s)
        {
            message = await FindMessageAsync(s, cancellationToken) is { } found && !State.Held.ContainsKey(s)
                ? found
                : throw RealtimeException.NotFound($"no message {s} in {GrainKey}");
        }

        State.Pinned = message;
        Publish(Topic, HubEvents.ChatPinned, new ChatPinned(GrainKey, message));
        Commit();
    });

    Task IRoomGrain.BanAsync(string userId, string bannedUserId, int minutes, CancellationToken cancellationToken) => Run(() =>
    {
        EnsureHost(userId);
        if (minutes is < 0 or > Limits.BanMaxMinutes)
        {
            throw RealtimeException.Invalid($"ban minutes must be 0..{Limits.BanMaxMinutes}");
        }

        if (bannedUserId == State.HostId)
        {
            throw RealtimeException.Invalid("the host cannot be banned");
        }

        var now = clock.UtcNow;
        foreach (var expired in State.Bans.Where(b => b.Value <= now).Select(b => b.Key).ToList())
        {
            State.Bans.Remove(expired);
        }

        if (minutes == 0)
        {
            State.Bans.Remove(bannedUserId);
        }
        else
        {
            State.Bans[bannedUserId] = now.AddMinutes(minutes);
        }

        Commit();
    });

    private ChatAck AckOf(LogRecord record)
    {
        var message = GrainJson.Deserialize<ChatMessage>(record.Payload);
        return State.Released.TryGetValue(message.Seq, out var released)
            ? new ChatAck(released, message.MessageId, true)
            : new ChatAck(message.Seq, message.MessageId, true, Held: State.Held.ContainsKey(message.Seq));
    }

    private async Task<ChatMessage?> FindMessageAsync(long seq, CancellationToken cancellationToken)
    {
        if (seq < 1 || seq > State.LastSeq)
        {
            return null;
        }

        if (_window.Covers(seq))
        {
            return _window.Find(seq);
        }

        var records = await ReadLogAsync(seq - 1, 1, cancellationToken);
        return records.Count == 1 && records[0].Seq == seq ? GrainJson.Deserialize<ChatMessage>(records[0].Payload) : null;
    }

    private ChatMessage WithTranslation(ChatMessage message, string reader) =>
        translation.Cached(message.Text, message.Language, reader) is { } cached
            ? message with { Translation = new Contracts.Rooms.Translation(reader, cached.Text, cached.Explanations) }
            : message;

    private RoomSummary Summary() => new(GrainKey, State.Title, State.HostId, Viewers, State.Likes);

    private void EnsureExists()
    {
        if (!StateExists)
        {
            throw RealtimeException.NotFound($"room {GrainKey} does not exist");
        }
    }

    private void EnsureHost(string userId)
    {
        EnsureExists();
        if (userId != State.HostId)
        {
            throw RealtimeException.Forbidden($"only the host of {GrainKey} may do this");
        }
    }
}
