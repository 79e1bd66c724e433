using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Realtime.Benchmarks.Support;

/// <summary>
/// A short job (BenchmarkDotNet's ShortRun: 1 launch, 3 warm-up and 3 measured iterations) run
/// in process: the machine has two cores shared with other builds, so a full job would take too
/// long, and an out-of-process run would rebuild the whole solution next to other engineers'
/// builds. Short runs give ratios, not precise absolute figures.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RankColumn.Arabic);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
