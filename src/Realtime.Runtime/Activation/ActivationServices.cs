using Microsoft.Extensions.Logging;
using Realtime.Runtime.Events;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Persistence;

namespace Realtime.Runtime.Activation;

/// <summary>What every activation needs from the silo.</summary>
internal sealed record ActivationServices(
    IServiceProvider ServiceProvider,
    IGrainFactory GrainFactory,
    IGrainStorage Storage,
    IEventBus EventBus,
    ActivationDirectory Directory,
    RuntimeOptions Options,
    ILogger Logger);
