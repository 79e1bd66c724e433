using BenchmarkDotNet.Running;
using Realtime.Benchmarks.Bridge;
using Realtime.Benchmarks.Support;

// dotnet run -c Release --project tests/Realtime.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/Realtime.Benchmarks -- --filter '*GroupSend*'
// dotnet run -c Release --project tests/Realtime.Benchmarks -- slow-viewer
if (args is ["slow-viewer", ..])
{
    return await SlowViewerCheck.RunAsync(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
return 0;
