using BenchmarkDotNet.Running;
using Realtime.Benchmarks.Bridge;
using Realtime.Benchmarks.Moderation;
using Realtime.Benchmarks.Support;

// dotnet run -c Release --project tests/Realtime.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/Realtime.Benchmarks -- --filter '*GroupSend*'
// dotnet run -c Release --project tests/Realtime.Benchmarks -- slow-viewer
// dotnet run -c Release --project tests/Realtime.Benchmarks -- contact-corpus
if (args is ["slow-viewer", ..])
{
    return await SlowViewerCheck.RunAsync(Console.Out);
}

if (args is ["contact-corpus", ..])
{
    return ContactCorpusCheck.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
return 0;
