using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private const string Dir = "/etc/cni/net.d";
    private readonly FaultyFileSystem _fs = new();
    private readonly RecordingDirectorySync _sync = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public ReconcilerTests() => _fs.Directory.CreateDirectory(Dir);

    private Reconciler Reconciler() => new(_fs, new CniDirectoryScanner(_fs), new AtomicFileWriter(_fs, _sync), _time);

    private static AgentSettings Settings(Action<AgentOptions>? change = null) =>
        new SettingsBuilder().With(o => o.CniDir = Dir).With(change ?? (_ => { })).Build();

    private void Put(string name, string content) => _fs.File.WriteAllText($"{Dir}/{name}", content);

    private string[] Names() =>
        _fs.Directory.EnumerateFileSystemEntries(Dir).Select(p => _fs.Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Run_ValidPrimary_WritesOutputThatLoadsFirst()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni", types: ["aws-cni"]));

        var pass = Reconciler().Run(Settings(), null, write: true);

        Assert.Equal(DecisionOutcome.Selected, pass.Decision.Outcome);
        Assert.Equal(WriteOutcome.Written, pass.Write);
        Assert.Equal("00-multus.conf", pass.OutputFile);
        Assert.True(pass.OutputUpToDate);
        Assert.Equal("00-multus.conf", pass.RuntimeWouldLoad);
        Assert.False(pass.Shadowed);
        Assert.Equal(pass.Rendered!.Content, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        Assert.Equal(OutputState.None, pass.OutputBefore);
        Assert.Equal([Dir], _sync.Flushed);
    }

    [Fact]
    public void Run_SecondPass_UnchangedAndUpToDate()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        var first = Reconciler().Run(Settings(), null, write: true);

        var second = Reconciler().Run(Settings(), first.Decision, write: true);

        Assert.Equal(WriteOutcome.Unchanged, second.Write);
        Assert.True(second.OutputUpToDate);
        Assert.Equal("00-multus.conf", second.OutputBefore.FileName);
        Assert.Equal(first.Rendered!.Content, second.OutputBefore.Content);
    }

    [Fact]
    public void Run_OutputNameFlips_OldNameRemovedAfterNewInPlace()
    {
        Put("00-multus.conf", """{"cniVersion":"0.4.0","name":"multus-cni-network","type":"multus","delegates":[]}""");
        Put("10-dbnet.conflist", CniJson.List("dbnet", "1.1.0"));

        var pass = Reconciler().Run(Settings(o => o.Multus.Mode = "thin"), null, write: true);

        Assert.Equal("00-multus.conflist", pass.Rendered!.FileName);
        Assert.Equal(["00-multus.conflist", "10-dbnet.conflist"], Names());
        Assert.Equal("00-multus.conflist", pass.RuntimeWouldLoad);
        Assert.False(pass.Shadowed);
        Assert.Equal("00-multus.conf", pass.OutputBefore.FileName);
    }

    [Fact]
    public void Run_OtherFileSortsFirst_ShadowedAndNamed()
    {
        Put("00-early.conf", CniJson.Conf("early"));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(o => o.Primary.Prefer = "file:10-aws.conflist"), null, write: true);

        Assert.Equal("00-early.conf", pass.RuntimeWouldLoad);
        Assert.True(pass.Shadowed);
    }

    [Fact]
    public void Run_HiddenCniFileSortsFirst_CountsForRuntime()
    {
        // containerd's libcni.ConfFiles does not skip dot files: a hidden .conf sorting first is what it loads.
        Put(".00-hidden.conf", CniJson.Conf("hidden"));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(), null, write: true);

        Assert.Equal("10-aws.conflist", pass.Decision.Primary!.File);
        Assert.Equal(".00-hidden.conf", pass.RuntimeWouldLoad);
        Assert.True(pass.Shadowed);
    }

    [Fact]
    public void Run_DirectoryAndNonCniNamesSortingFirst_DoNotCountForRuntime()
    {
        _fs.Directory.CreateDirectory($"{Dir}/0-dir.conf");
        Put("0-notes.txt", "x");
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(), null, write: true);

        Assert.Equal("00-multus.conf", pass.RuntimeWouldLoad);
        Assert.False(pass.Shadowed);
    }

    [Fact]
    public void Run_DryRun_WritesNothing()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(o => o.DryRun = true), null, write: true);

        Assert.Null(pass.Write);
        Assert.NotNull(pass.Rendered);
        Assert.False(pass.OutputUpToDate);
        Assert.Equal(["10-aws.conflist"], Names());
        Assert.Empty(_sync.Flushed);
        Assert.Equal("10-aws.conflist", pass.RuntimeWouldLoad);
    }

    [Fact]
    public void Run_MayWriteVeto_WritesNothingAndSeesOutputAsFound()
    {
        Put("00-multus.conf", "{\"type\":\"istio-cni\"}");
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        OutputState? seen = null;

        var pass = Reconciler().Run(Settings(), null, state =>
        {
            seen = state;
            return false;
        });

        Assert.Null(pass.Write);
        Assert.Equal("00-multus.conf", seen!.FileName);
        Assert.Equal("{\"type\":\"istio-cni\"}", System.Text.Encoding.UTF8.GetString(seen.Content!));
        Assert.Equal("{\"type\":\"istio-cni\"}", _fs.File.ReadAllText($"{Dir}/00-multus.conf"));
        Assert.False(pass.OutputUpToDate);
    }

    [Fact]
    public void Run_NoPrimary_KeepsOutputAndWritesNothing()
    {
        Put("00-multus.conf", "{\"kept\":true}");
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(o => o.Primary.Prefer = "type:calico"), null, write: true);

        Assert.Equal(DecisionOutcome.NoPrimary, pass.Decision.Outcome);
        Assert.Null(pass.Rendered);
        Assert.Equal("{\"kept\":true}", _fs.File.ReadAllText($"{Dir}/00-multus.conf"));
        Assert.Equal("00-multus.conf", pass.OutputFile);
        Assert.Equal("00-multus.conf", pass.RuntimeWouldLoad);
    }

    [Fact]
    public void Run_DirectoryMissing_NothingWritten()
    {
        var pass = Reconciler().Run(Settings(o => o.CniDir = "/missing"), null, write: true);

        Assert.Equal(DecisionOutcome.DirectoryMissing, pass.Decision.Outcome);
        Assert.Null(pass.RuntimeWouldLoad);
        Assert.False(_fs.Directory.Exists("/missing"));
    }

    [Fact]
    public void Run_PrimaryTurnsInvalid_HeldThenSwitchesAfterGrace()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("20-b.conf", CniJson.Conf("b"));
        var settings = Settings();
        var first = Reconciler().Run(settings, null, write: true);
        var output = _fs.File.ReadAllBytes($"{Dir}/00-multus.conf");
        Put("10-a.conf", "{\"cniVersion\":");

        _time.Advance(TimeSpan.FromSeconds(1));
        var held = Reconciler().Run(settings, first.Decision, write: true);
        Assert.Equal(DecisionOutcome.Held, held.Decision.Outcome);
        Assert.Equal(output, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));

        _time.Advance(settings.InvalidGrace);
        var switched = Reconciler().Run(settings, held.Decision, write: true);
        Assert.Equal("20-b.conf", switched.Decision.Primary!.File);
        Assert.Contains("20-b.conf", _fs.File.ReadAllText($"{Dir}/00-multus.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DaemonConfigAuto_FindingReported()
    {
        _fs.Directory.CreateDirectory("/etc/multus");
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", File.ReadAllText(TestPaths.CorpusFile("multus-thick-upstream__daemon-config.json")));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(o => o.Multus.DaemonConfig = "/etc/multus/daemon-config.json"), null, write: false);

        Assert.Contains(pass.DaemonConfigFindings, f => f.StartsWith("multusConfigFile is \"auto\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DaemonConfigEdited_FindingsFollowTheFile()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni", types: ["aws-cni"]));
        _fs.Directory.CreateDirectory("/etc/multus");
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", """{"multusConfigFile":"auto"}""");
        var settings = Settings(o => o.Multus.DaemonConfig = "/etc/multus/daemon-config.json");
        var sut = Reconciler();

        Assert.Contains(sut.Run(settings, null, write: false).DaemonConfigFindings, f => f.Contains("auto", StringComparison.Ordinal));

        // Fixed by the operator: the next pass sees it (the findings are cached only while the file is unchanged).
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", """{"multusConfigFile":"/etc/multus/unused.conf","cniConfigDir":"/host/etc/cni/net.d","cniVersion":"0.3.1"}""");
        _fs.File.SetLastWriteTimeUtc("/etc/multus/daemon-config.json", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Empty(sut.Run(settings, null, write: false).DaemonConfigFindings);
    }
}
