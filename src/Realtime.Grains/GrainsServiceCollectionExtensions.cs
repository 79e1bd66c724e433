using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Realtime.Grains.Common;
using Realtime.Grains.Directory;
using Realtime.Grains.Inbox;
using Realtime.Grains.Notes;
using Realtime.Grains.Users;
using Realtime.Grains.Rooms;
using Realtime.Runtime.Cluster;
using Realtime.Runtime.Hosting;
using Realtime.Translation;

namespace Realtime.Grains;

/// <summary>Registers the domain's grains with the runtime.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the room, room directory, note thread, inbox and user grains.</summary>
    public static IServiceCollection AddRealtimeGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock, SystemClock>();
        services.TryAddSingleton<ITranslator, DisabledTranslator>();
        services.TryAddSingleton<TranslationFanout>();
        services.TryAddSingleton<IRemoteErrorCodec, RealtimeErrorCodec>();
        services.AddGrain<IRoomGrain, RoomGrain>("room");
        services.AddGrain<IRoomDirectoryGrain, RoomDirectoryGrain>("room-directory");
        services.AddGrain<INoteThreadGrain, NoteThreadGrain>("note");
        services.AddGrain<IInboxGrain, InboxGrain>("inbox");
        services.AddGrain<IUserGrain, UserGrain>("user");
        return services;
    }
}
