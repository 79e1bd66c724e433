using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Realtime.Hosting.Silo;

/// <summary>Registers what keeps the silo's memory per idle connection down.</summary>
public static class ConnectionFootprintExtensions
{
    /// <summary>
    /// Binds <see cref="ConnectionFootprintOptions"/> from <c>Realtime:ConnectionFootprint</c> and
    /// starts the <see cref="IdleHeapTrimmer"/>.
    /// </summary>
    public static WebApplicationBuilder AddConnectionFootprint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionFootprintOptions>().Bind(builder.Configuration.GetSection(ConnectionFootprintOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<IdleHeapTrimmer>();
        return builder;
    }
}
