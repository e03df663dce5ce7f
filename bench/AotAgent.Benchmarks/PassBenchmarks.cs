using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using BenchmarkDotNet.Attributes;

namespace AotAgent.Benchmarks;

/// <summary>
/// One reconcile pass on a real directory (scan, resolve, render, compare with the output on disk): the in-process
/// counterpart of the daemon's aotagent_reconcile_duration_seconds. The output is current after the first pass, so
/// these passes write nothing. Steady: every entry's identity checked, nothing re-read (a poll, a pass after a failure).
/// One changed: a file rewritten and named by a notification. Resync: every file re-read.
/// </summary>
[MemoryDiagnoser]
public class PassBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aotagent-bdn-" + Environment.ProcessId);
    private Reconciler _reconciler1K = null!;
    private Reconciler _reconciler = null!;
    private AgentSettings _settings1K = null!;
    private AgentSettings _settings10K = null!;
    private string _changing = string.Empty;
    private HashSet<string> _changed = [];
    private int _revision;

    [GlobalSetup]
    public void Setup()
    {
        // One pipeline per directory: each keeps its own scan cache, as the daemon does.
        _reconciler1K = Pipeline.Create(new FileSystem(), new LibcFileProbe(), new LibcDirectorySync(), TimeProvider.System);
        _reconciler = Pipeline.Create(new FileSystem(), new LibcFileProbe(), new LibcDirectorySync(), TimeProvider.System);
        _settings1K = Prepare("1k", 999);
        _settings10K = Prepare("10k", 9_999);
        _changing = Path.Combine(_settings10K.CniDir, Fixtures.OtherName(7));
        _changed = [Fixtures.OtherName(7)];
        _reconciler1K.Run(_settings1K, write: true);
        _reconciler.Run(_settings10K, write: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>A steady-state pass over 1,000 files.</summary>
    [Benchmark]
    public object Pass1K() => _reconciler1K.Run(_settings1K, write: true, ScanScope.Full);

    /// <summary>A steady-state pass over 10,000 files.</summary>
    [Benchmark]
    public object Pass10K() => _reconciler.Run(_settings10K, write: true, ScanScope.Full);

    /// <summary>One of 10,000 files rewritten (the write is part of the measurement), then the pass its notification causes.</summary>
    [Benchmark]
    public object Pass10KOneChanged()
    {
        File.WriteAllBytes(_changing, Fixtures.OtherConflist(++_revision % 2 == 0 ? 7 : 8));
        return _reconciler.Run(_settings10K, write: true, ScanScope.Changed(_changed));
    }

    /// <summary>The resync: every one of 10,000 files re-read.</summary>
    [Benchmark]
    public object Pass10KResync() => _reconciler.Run(_settings10K, write: true, ScanScope.Fresh);

    private AgentSettings Prepare(string name, int others)
    {
        var dir = Path.Combine(_root, name);
        Fixtures.WriteDirectory(dir, others);
        return Fixtures.Settings(dir);
    }
}
