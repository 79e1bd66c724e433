using Microsoft.Extensions.DependencyInjection;
using Realtime.Runtime.Calls;
using Realtime.Runtime.Grains;
using Realtime.Runtime.Hosting;
using Realtime.Runtime.Tests.Grains;
using Realtime.Runtime.Tests.Support;

namespace Realtime.Runtime.Tests;

/// <summary>What AddGrain accepts and refuses.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void A_grain_interface_that_overloads_a_method_name_is_rejected_when_it_is_registered()
    {
        var map = new GrainInterfaceMap();

        var e = Assert.Throws<InvalidOperationException>(() => map.Add<IOverloadedGrain, OverloadedGrain>("overloaded"));

        Assert.Contains(nameof(IOverloadedGrain), e.Message, StringComparison.Ordinal);
        Assert.Contains("DoAsync", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_with_an_overloaded_grain_interface_fails_when_its_runtime_is_built_not_at_its_first_call()
    {
        var services = TestSilo.CreateServices();
        services.AddGrain<IOverloadedGrain, OverloadedGrain>("overloaded");
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IGrainFactory>());

        Assert.Contains("DoAsync", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grain_interface_method_that_does_not_return_a_task_is_rejected_when_it_is_registered()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new GrainInterfaceMap().Add<ISynchronousGrain, SynchronousGrain>("sync"));

        Assert.Contains("Compute", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_reference_carries_the_registered_type_name_and_key()
    {
        await using var silo = TestSilo.Start();

        await silo.Worker("k1").PingAsync().Within();

        Assert.True(silo.Directory.IsActive(new GrainId("worker", "k1")));
    }

    [Fact]
    public async Task An_empty_grain_key_is_refused()
    {
        await using var silo = TestSilo.Start();

        Assert.ThrowsAny<ArgumentException>(() => silo.Factory.GetGrain<IWorkerGrain>(""));
    }
}
