using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
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
    private Decision? _previous1K;
    private Decision? _previous10K;

    [GlobalSetup]
    public void Setup()
    {
        var fileSystem = new FileSystem();
        var writer = new AtomicFileWriter(fileSystem, new LibcDirectorySync());
        _reconciler = new Reconciler(fileSystem, new CniDirectoryScanner(fileSystem), writer, TimeProvider.System);
        _settings1K = Prepare("1k", 999);
        _settings10K = Prepare("10k", 9_999);
        _previous1K = _reconciler.Run(_settings1K, null, write: true).Decision;
        _previous10K = _reconciler.Run(_settings10K, null, write: true).Decision;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>A steady-state pass over 1,000 files.</summary>
    [Benchmark]
    public PassResult Pass1K() => _reconciler.Run(_settings1K, _previous1K, write: true);

    /// <summary>A steady-state pass over 10,000 files.</summary>
    [Benchmark]
    public PassResult Pass10K() => _reconciler.Run(_settings10K, _previous10K, write: true);

    private AgentSettings Prepare(string name, int others)
    {
        var dir = Path.Combine(_root, name);
        Fixtures.WriteDirectory(dir, others);
        return Fixtures.Settings(dir);
    }
}
