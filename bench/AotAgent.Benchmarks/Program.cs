using AotAgent.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short runs, in process: no generated project to build, the whole suite in well under two minutes.
// Pass BenchmarkDotNet's own arguments through (e.g. --filter '*Resolve*', --artifacts /tmp/bdn).
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
    .AddExporter(JsonExporter.Full)
    .WithOptions(ConfigOptions.DisableLogFile);

BenchmarkSwitcher.FromTypes([typeof(PipelineBenchmarks), typeof(PassBenchmarks)]).Run(args, config);
