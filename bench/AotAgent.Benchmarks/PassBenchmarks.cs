using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using BenchmarkDotNet.Attributes;

namespace AotAgent.Benchmarks;

/// <summary>
/// One full reconcile pass on a real directory (scan with reads, resolve, render, compare with the output on disk):
/// the in-process counterpart of the daemon's aotagent_reconcile_duration_seconds. The output is current after the
/// first pass, so steady-state passes write nothing, like a resync.
/// </summary>
[MemoryDiagnoser]
public class PassBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aotagent-bdn-" + Environment.ProcessId);
    private Reconciler _reconciler = null!;
    private AgentSettings _settings1K = null!;
    private AgentSettings _settings10K = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reconciler = Pipeline.Create(new FileSystem(), new LibcFileProbe(), new LibcDirectorySync(), TimeProvider.System);
        _settings1K = Prepare("1k", 999);
        _settings10K = Prepare("10k", 9_999);
        _reconciler.Run(_settings1K, write: true);
        _reconciler.Run(_settings10K, write: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>A steady-state pass over 1,000 files.</summary>
    [Benchmark]
    public object Pass1K() => _reconciler.Run(_settings1K, write: true);

    /// <summary>A steady-state pass over 10,000 files.</summary>
    [Benchmark]
    public object Pass10K() => _reconciler.Run(_settings10K, write: true);

    private AgentSettings Prepare(string name, int others)
    {
        var dir = Path.Combine(_root, name);
        Fixtures.WriteDirectory(dir, others);
        return Fixtures.Settings(dir);
    }
}
