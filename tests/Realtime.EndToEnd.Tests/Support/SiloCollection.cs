using Realtime.Testing;

namespace Realtime.EndToEnd.Tests.Support;

/// <summary>Test classes in this collection share one silo process.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
