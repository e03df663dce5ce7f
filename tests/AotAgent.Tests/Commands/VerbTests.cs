using System.Text.Json;
using AotAgent.Commands;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Commands;

public sealed class VerbTests : IDisposable
{
    private const string Dir = "/host/etc/cni/net.d";
    private readonly FaultyFileSystem _fs = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly Dictionary<string, string?> _env = new(StringComparer.OrdinalIgnoreCase);

    public VerbTests() => _fs.Directory.CreateDirectory(Dir);

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private readonly RecordingDirectorySync _sync = new();

    private Verbs Commands() =>
        new(new CommandContext(_fs, new FileSystemProbe(_fs), _sync, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)), _env, _stdout, _stderr));

    /// <summary>The one-shot verbs on one context, as the command line wires them.</summary>
    private sealed class Verbs(CommandContext context)
    {
        public int Once(CommandInput input) => OnceCommand.Execute(context, input);

        public int Explain(CommandInput input, bool json) => ExplainCommand.Execute(context, input, json);

        public int Render(CommandInput input) => RenderCommand.Execute(context, input);

        public int Uninstall(CommandInput input) => UninstallCommand.Execute(context, input);
    }

    private static CommandInput Input(params string[] sets) => new(null, null, sets);

    private void Put(string name, string content) => _fs.File.WriteAllText($"{Dir}/{name}", content);

    private void PutCorpus(string name, string corpusFile) => Put(name, File.ReadAllText(TestPaths.CorpusFile(corpusFile)));

    private string[] Names() =>
        _fs.Directory.EnumerateFileSystemEntries(Dir).Select(p => _fs.Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    private string Output() => _fs.File.ReadAllText($"{Dir}/00-multus.conf");

    /// <summary>The AWS scenario: istio-cni's own config sorts before the real primary and a look-alike sits beside it.</summary>
    private void AwsScenario()
    {
        PutCorpus("10-aws.conflist", "aws-vpc-cni__10-aws.conflist");
        Put("11-bws.conflist", File.ReadAllText(TestPaths.CorpusFile("aws-vpc-cni__10-aws.conflist")).Replace("\"name\": \"aws-cni\",\n  \"disableCheck\"", "\"name\": \"bws-cni\",\n  \"disableCheck\"", StringComparison.Ordinal));
        PutCorpus("02-istio-cni.conflist", "istio-SYNTHESIZED-owned-from-aws__02-istio-cni.conflist");
    }

    [Fact]
    public void Once_ValidPrimary_ExitDoneAndWrites()
    {
        AwsScenario();

        var code = Commands().Once(Input("Primary__Prefer=file:10-aws.conflist"));

        Assert.Equal(ExitCodes.Done, code);
        Assert.Contains("\"clusterNetwork\": \"/host/etc/cni/net.d/10-aws.conflist\"", Output(), StringComparison.Ordinal);
        Assert.StartsWith("wrote 00-multus.conf -> primary 10-aws.conflist", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public void Once_SwitchPreferToBws_SwitchesOutput()
    {
        AwsScenario();
        Assert.Equal(ExitCodes.Done, Commands().Once(Input("Primary__Prefer=file:10-aws.conflist")));

        var code = Commands().Once(Input("Primary__Prefer=file:11-bws.conflist"));

        Assert.Equal(ExitCodes.Done, code);
        Assert.Contains("/host/etc/cni/net.d/11-bws.conflist", Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("10-aws.conflist", Output(), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_ThinSwitchPreferToBws_DelegateNetworkSwitches()
    {
        AwsScenario();
        _env["Multus:Mode"] = "thin";
        Commands().Once(Input("Primary__Prefer=file:10-aws.conflist"));
        Assert.Contains("\"name\": \"aws-cni\"", Output(), StringComparison.Ordinal);

        Commands().Once(Input("Primary__Prefer=name:bws-cni"));

        Assert.Contains("\"name\": \"bws-cni\"", Output(), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_NoPrefer_SafeDefaultPassesOverIstiosCopyWhereMultusAutoTakesIt()
    {
        // What Multus "auto" does on this node: the byte-order-first file is istio-cni's own chained copy of aws. The
        // agent's default without a rule never picks a chained copy over its source, and says so.
        AwsScenario();

        var code = Commands().Once(Input());

        Assert.Equal(ExitCodes.Done, code);
        Assert.Contains("/host/etc/cni/net.d/10-aws.conflist", Output(), StringComparison.Ordinal);
        Assert.Contains("no Primary__Prefer rule is set: the safe default", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("passed over 02-istio-cni.conflist", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_PreferMatchesNothing_ExitNoPrimaryAndWritesNothing()
    {
        AwsScenario();

        var code = Commands().Once(Input("Primary__Prefer=type:calico"));

        Assert.Equal(ExitCodes.NoPrimary, code);
        Assert.StartsWith("no primary: no valid file matches Primary__Prefer (type:calico)", _stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("00-multus.conf", Names());
    }

    [Theory]
    [InlineData("Multus__Mode=thicc", "Multus__Mode")]
    [InlineData("Primary__Prefr=file:x", "Primary__Prefr")]
    [InlineData("Http__Port=abc", "Http__Port")]
    [InlineData("no-equals-sign", "--set")]
    public void Once_BadConfiguration_ExitTwoOneLineNamingKeyNothingWritten(string set, string key)
    {
        AwsScenario();

        var code = Commands().Once(Input(set));

        Assert.Equal(ExitCodes.BadConfiguration, code);
        var lines = _stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"invalid configuration: {key}=", lines[0], StringComparison.Ordinal);
        Assert.Empty(_stdout.ToString());
        Assert.DoesNotContain("00-multus.conf", Names());
    }

    [Fact]
    public void Once_BadConfigurationInEnvironment_ExitTwo()
    {
        _env["Output:FileMode"] = "0777";

        Assert.Equal(ExitCodes.BadConfiguration, Commands().Once(Input()));
        Assert.StartsWith("invalid configuration: Output__FileMode='0777'", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_WriteFails_ExitOne()
    {
        var fs = new FaultyFileSystem { FailMove = new IOException("Read-only file system") };
        fs.Directory.CreateDirectory(Dir);
        fs.File.WriteAllText($"{Dir}/10-aws.conflist", CniJson.List("aws-cni"));
        var commands = new Verbs(new CommandContext(fs, new FileSystemProbe(fs), new RecordingDirectorySync(), new FakeTimeProvider(), _env, _stdout, _stderr));

        var code = commands.Once(Input());

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("error: Read-only file system", _stderr.ToString().TrimEnd());
    }

    [Fact]
    public void Once_DirectoryFlushFails_ExitDoneWrittenAndWarnsItMayNotBeDurable()
    {
        AwsScenario();
        _sync.FailWith = "cannot open /host/etc/cni/net.d to flush it: Invalid argument (errno 22)";

        var code = Commands().Once(Input("Primary__Prefer=file:10-aws.conflist"));

        Assert.Equal(ExitCodes.Done, code);
        Assert.Contains("10-aws.conflist", Output(), StringComparison.Ordinal);
        Assert.StartsWith("wrote 00-multus.conf", _stdout.ToString(), StringComparison.Ordinal);
        var warning = _stderr.ToString();
        Assert.StartsWith("warning: 00-multus.conf is in place, but the directory could not be flushed", warning, StringComparison.Ordinal);
        Assert.Contains("errno 22", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_StaleTempFiles_Cleaned()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        Put(".aot-agent.00-multus.conf.0123456789ab.tmp", "partial");

        Commands().Once(Input());

        Assert.Equal(["00-multus.conf", "10-aws.conflist"], Names());
    }

    [Fact]
    public void Once_Shadowed_Warns()
    {
        Put("00-first.conf", CniJson.Conf("first"));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var code = Commands().Once(Input("Primary__Prefer=10-aws.conflist"));

        Assert.Equal(ExitCodes.Done, code);
        Assert.Contains("warning: 00-first.conf sorts before 00-multus.conf", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Once_DryRun_WouldWriteNothingWritten()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var code = Commands().Once(Input("DryRun=true"));

        Assert.Equal(ExitCodes.Done, code);
        Assert.StartsWith("would write 00-multus.conf", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(["10-aws.conflist"], Names());
    }

    [Fact]
    public void Explain_Json_KeepsContractFieldNames()
    {
        AwsScenario();
        Put("README.txt", "not a config");

        var code = Commands().Explain(Input("Primary__Prefer=file:10-aws.conflist"), json: true);

        Assert.Equal(ExitCodes.Done, code);
        using var doc = JsonDocument.Parse(_stdout.ToString());
        var root = doc.RootElement;
        Assert.Equal("10-aws.conflist", root.GetProperty("selected").GetProperty("file").GetString());
        // explain writes nothing: the runtime would load what is there now, istio's file.
        Assert.Equal("02-istio-cni.conflist", root.GetProperty("runtimeWouldLoad").GetString());
        var candidates = root.GetProperty("candidates").EnumerateArray().ToDictionary(
            c => c.GetProperty("file").GetString()!,
            c => (Verdict: c.GetProperty("verdict").GetString(), Reason: c.GetProperty("reason").GetString()));
        Assert.Equal(["02-istio-cni.conflist", "10-aws.conflist", "11-bws.conflist", "README.txt"], candidates.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("selected", candidates["10-aws.conflist"].Verdict);
        Assert.Equal("eligible", candidates["02-istio-cni.conflist"].Verdict);
        Assert.Equal("ignored", candidates["README.txt"].Verdict);
        Assert.All(candidates.Values, c => Assert.False(string.IsNullOrEmpty(c.Reason)));
    }

    [Fact]
    public void Explain_WritesNothing()
    {
        AwsScenario();

        Commands().Explain(Input(), json: false);

        Assert.DoesNotContain("00-multus.conf", Names());
        Assert.Contains("02-istio-cni.conflist", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NoPrimary_ExitThreeWithNullSelected()
    {
        AwsScenario();

        var code = Commands().Explain(Input("Primary__Prefer=type:calico"), json: true);

        Assert.Equal(ExitCodes.NoPrimary, code);
        using var doc = JsonDocument.Parse(_stdout.ToString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("selected").ValueKind);
        Assert.Equal("no_primary", doc.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Render_PrintsExactlyWhatOnceWrites()
    {
        AwsScenario();

        Assert.Equal(ExitCodes.Done, Commands().Render(Input("Primary__Prefer=file:10-aws.conflist", "Multus__Mode=thin")));
        var printed = _stdout.ToString();
        Assert.DoesNotContain("00-multus.conf", Names());
        Assert.Equal(ExitCodes.Done, Commands().Once(Input("Primary__Prefer=file:10-aws.conflist", "Multus__Mode=thin")));

        Assert.Equal(Output(), printed);
    }

    [Fact]
    public void Render_NoPrimary_ExitThree()
    {
        Assert.Equal(ExitCodes.NoPrimary, Commands().Render(Input()));
        Assert.Empty(_stdout.ToString());
    }

    [Fact]
    public void Uninstall_MultusConfig_Removed()
    {
        AwsScenario();
        Commands().Once(Input("Primary__Prefer=file:10-aws.conflist"));

        var code = Commands().Uninstall(Input());

        Assert.Equal(ExitCodes.Done, code);
        Assert.Equal(["02-istio-cni.conflist", "10-aws.conflist", "11-bws.conflist"], Names());
        Assert.Contains($"removed {Dir}/00-multus.conf", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_ThinConflist_Removed()
    {
        Put("00-multus.conflist", File.ReadAllText(TestPaths.CorpusFile("multus-thin-DERIVED-dbnet-1.1.0__00-multus.conflist")));

        Assert.Equal(ExitCodes.Done, Commands().Uninstall(Input()));
        Assert.Empty(Names());
    }

    [Theory]
    [InlineData("{\"cniVersion\":\"0.4.0\",\"name\":\"x\",\"type\":\"bridge\"}")]
    [InlineData("not json")]
    [InlineData("")]
    public void Uninstall_NonMultusFileAtOutputName_RefusedAndKept(string content)
    {
        Put("00-multus.conf", content);

        var code = Commands().Uninstall(Input());

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("refusing to remove", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(content, _fs.File.ReadAllText($"{Dir}/00-multus.conf"));
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x61, 0x22, 0x3A, 0x32, 0x7D })]
    public void Uninstall_HostileFileAtOutputName_RefusedNotCrashed(byte[] content)
    {
        // {"type":"<invalid UTF-8>"} and {"a":1,"a":2}
        _fs.File.WriteAllBytes($"{Dir}/00-multus.conf", content);

        var code = Commands().Uninstall(Input());

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(content, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
    }

    [Fact]
    public void Uninstall_NothingThere_Done()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        Assert.Equal(ExitCodes.Done, Commands().Uninstall(Input()));
        Assert.Equal(["10-aws.conflist"], Names());
        Assert.Contains("nothing to remove", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_DryRun_KeepsFile()
    {
        Put("00-multus.conf", File.ReadAllText(TestPaths.CorpusFile("multus-thick-DERIVED-aws-daemoncfg__00-multus.conf")));

        Assert.Equal(ExitCodes.Done, Commands().Uninstall(Input("DryRun=true")));
        Assert.Equal(["00-multus.conf"], Names());
        Assert.StartsWith("would remove", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_EveryKeyWithItsValueAndSource_TextAndJson()
    {
        AwsScenario();
        _fs.Directory.CreateDirectory("/etc/aot-agent");
        _fs.File.WriteAllText("/etc/aot-agent/Primary__Prefer", "file:11-bws.conflist\n");
        _fs.File.WriteAllText("/etc/aot-agent/Multus__NetworkName", "from-configmap\n");
        _env["Primary:Prefer"] = "file:10-aws.conflist";

        Assert.Equal(ExitCodes.Done, Commands().Explain(Input("Multus__Mode=thick"), json: true));
        using var doc = JsonDocument.Parse(_stdout.ToString());
        var settings = doc.RootElement.GetProperty("settings").EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!);
        Assert.Equal("environment", settings["Primary__Prefer"].GetProperty("source").GetString());
        Assert.Equal("file:10-aws.conflist", settings["Primary__Prefer"].GetProperty("value").GetString());
        var shadowed = Assert.Single(settings["Primary__Prefer"].GetProperty("shadowed").EnumerateArray());
        Assert.Equal(("configmap", "file:11-bws.conflist"), (shadowed.GetProperty("source").GetString(), shadowed.GetProperty("value").GetString()));
        Assert.Equal("configmap", settings["Multus__NetworkName"].GetProperty("source").GetString());
        Assert.Equal("command-line", settings["Multus__Mode"].GetProperty("source").GetString());
        Assert.Equal(("default", "00-multus"), (settings["Multus__ConfName"].GetProperty("source").GetString(), settings["Multus__ConfName"].GetProperty("value").GetString()));
        Assert.Equal("Information", settings["Logging__LogLevel__Default"].GetProperty("value").GetString());

        _stdout.GetStringBuilder().Clear();
        Commands().Explain(Input(), json: false);
        var text = _stdout.ToString();
        Assert.Contains("Setting:   Primary__Prefer = 'file:10-aws.conflist'  (environment; shadows configmap 'file:11-bws.conflist')", text, StringComparison.Ordinal);
        Assert.Contains("Setting:   Multus__NetworkName = 'from-configmap'  (configmap)", text, StringComparison.Ordinal);
        Assert.Contains("other keys at their defaults", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Logging__LogLevel__Default=Loud", "Logging__LogLevel__Default='Loud': expected a log level")]
    [InlineData("Logging__Console__FormatterName=jsn", "Logging__Console__FormatterName='jsn': expected simple or json")]
    [InlineData("Primary__Prefer=,,", "Primary__Prefer=',,'")]
    [InlineData("Primary__Prefer=type:[abc]", "not glob syntax here")]
    public void BadValue_EveryVerbExitsTwoWithOneLine(string set, string expected)
    {
        AwsScenario();
        foreach (var verb in new Func<Verbs, int>[] { v => v.Once(Input(set)), v => v.Explain(Input(set), json: false), v => v.Render(Input(set)), v => v.Uninstall(Input(set)) })
        {
            _stderr.GetStringBuilder().Clear();

            Assert.Equal(ExitCodes.BadConfiguration, verb(Commands()));
            var line = Assert.Single(_stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("00-multus.conf", Names());
    }

    [Fact]
    public void Uninstall_OutputsOfAnEarlierConfName_AlsoRemoved_OtherMultusShapesKept()
    {
        AwsScenario();
        Commands().Once(Input("Primary__Prefer=file:10-aws.conflist", "Multus__ConfName=00-old"));
        Commands().Once(Input("Primary__Prefer=file:10-aws.conflist", "Multus__ConfName=01-older", "Multus__Mode=thin"));
        Commands().Once(Input("Primary__Prefer=file:10-aws.conflist"));
        // A Multus config the agent does not write: it delegates to no file of Multus__ClusterNetworkDir.
        Put("05-foreign-multus.conf", "{\"cniVersion\":\"0.3.1\",\"name\":\"m\",\"type\":\"multus-shim\",\"clusterNetwork\":\"aws-cni\"}");
        _stdout.GetStringBuilder().Clear();

        Assert.Equal(ExitCodes.Done, Commands().Uninstall(Input()));

        Assert.Equal(["02-istio-cni.conflist", "05-foreign-multus.conf", "10-aws.conflist", "11-bws.conflist"], Names());
        var stdout = _stdout.ToString();
        Assert.Contains($"removed {Dir}/00-multus.conf", stdout, StringComparison.Ordinal);
        Assert.Contains($"removed {Dir}/00-old.conf (an earlier Multus__ConfName)", stdout, StringComparison.Ordinal);
        Assert.Contains($"removed {Dir}/01-older.conf (an earlier Multus__ConfName)", stdout, StringComparison.Ordinal);
    }
}
