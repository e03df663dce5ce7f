using AotAgent.Configuration;
using AotAgent.Reconciliation;
using AotAgent.Rendering;
using AotAgent.Resolution;
using BenchmarkDotNet.Attributes;

namespace AotAgent.Benchmarks;

/// <summary>The pure steps of one pass, in process, without I/O.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly TimeSpan _now = TimeSpan.FromHours(1);
    private byte[] _aws = [];
    private AgentSettings _settings = Fixtures.Settings("/etc/cni/net.d");
    private CniNetwork _primary = null!;
    private ScanResult _scan1K = null!;
    private ScanResult _scan10K = null!;

    [GlobalSetup]
    public void Setup()
    {
        _aws = Fixtures.AwsConflist();
        _settings = Fixtures.Settings("/etc/cni/net.d");
        _primary = CniConfigParser.Parse(Fixtures.PrimaryFile, _aws, out var problem) ?? throw new InvalidOperationException(problem);
        _scan1K = Fixtures.Scan(999);
        _scan10K = Fixtures.Scan(9_999);
    }

    /// <summary>Validates one AWS VPC CNI conflist (the per-candidate cost of a pass).</summary>
    [Benchmark]
    public object? Parse() => CniConfigParser.Parse(Fixtures.PrimaryFile, _aws, out _);

    /// <summary>Renders the thin Multus config that embeds the primary.</summary>
    [Benchmark]
    public byte[] RenderThin() => MultusConfigRenderer.Render(_settings.Multus, Fixtures.PrimaryFile, _primary).Content;

    /// <summary>Resolves over 1,000 scanned files (contents in memory: parse + classify + pick + explain).</summary>
    [Benchmark]
    public object Resolve1K() => Resolve(_scan1K);

    /// <summary>Resolves over 10,000 scanned files.</summary>
    [Benchmark]
    public object Resolve10K() => Resolve(_scan10K);

    private Decision Resolve(ScanResult scan) =>
        PrimaryResolver.Resolve(scan, _settings.CniDir, _settings.Primary, Reconciler.EligibilityFor(_settings), null, _now);
}
