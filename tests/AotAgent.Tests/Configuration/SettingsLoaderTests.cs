using System.IO.Abstractions.TestingHelpers;
using AotAgent.Configuration;
using AotAgent.Tests.TestDoubles;
using AotAgent.Rendering;
using AotAgent.Resolution;

namespace AotAgent.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    private const string ConfigDir = "/etc/aot-agent";

    private static MockFileSystem ConfigMap(params (string Key, string Value)[] files)
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(ConfigDir);
        foreach (var (key, value) in files)
        {
            fs.File.WriteAllText($"{ConfigDir}/{key}", value);
        }

        return fs;
    }

    private static Dictionary<string, string?> Layer(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    private static AgentSettings Load(MockFileSystem fs, Dictionary<string, string?>? env = null, Dictionary<string, string?>? cmd = null) =>
        new SettingsLoader(fs, new FileSystemProbe(fs), env ?? Layer(), cmd ?? Layer()).Load();

    private static ConfigurationException LoadFails(MockFileSystem fs, Dictionary<string, string?>? env = null, Dictionary<string, string?>? cmd = null) =>
        Assert.Throws<ConfigurationException>(() => Load(fs, env, cmd));

    [Fact]
    public void Load_NothingSet_UsesDefaults()
    {
        var settings = Load(new MockFileSystem());

        Assert.Equal("/host/etc/cni/net.d", settings.CniDir);
        Assert.Equal(MultusMode.Thick, settings.Multus.Mode);
        Assert.Null(settings.Multus.CniVersion);
        Assert.Equal("0.3.1", settings.Multus.EffectiveCniVersion);
        Assert.Equal("00-multus", settings.Output.ConfName);
        Assert.Equal("multus-cni-network", settings.Multus.NetworkName);
        Assert.Empty(settings.Primary.Prefer);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Primary.InvalidGrace);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, settings.Output.FileMode);
        Assert.Equal(9747, settings.Http.Port);
        Assert.Equal(new MultusTemplate(), settings.Multus);
    }

    [Fact]
    public void Load_ConfigMapOverDefaults_ConfigMapWins()
    {
        var fs = ConfigMap(("Primary__Prefer", "file:10-aws.conflist\n"), ("Multus__Mode", "thin"));

        var settings = Load(fs);

        Assert.Equal([new Selector(SelectorKind.File, "10-aws.conflist")], settings.Primary.Prefer);
        Assert.Equal(MultusMode.Thin, settings.Multus.Mode);
        Assert.Null(settings.Multus.CniVersion);
    }

    [Fact]
    public void Load_EnvironmentOverConfigMap_EnvironmentWins()
    {
        var fs = ConfigMap(("Primary__Prefer", "file:10-aws.conflist"), ("Multus__NetworkName", "from-configmap"));

        var settings = Load(fs, env: Layer(("Primary:Prefer", "file:11-bws.conflist")));

        Assert.Equal("file:11-bws.conflist", Assert.Single(settings.Primary.Prefer).ToString());
        Assert.Equal("from-configmap", settings.Multus.NetworkName);
    }

    [Fact]
    public void Load_CommandLineOverEnvironment_CommandLineWins()
    {
        var fs = ConfigMap(("Primary__Prefer", "file:a.conf"));

        var settings = Load(fs, env: Layer(("Primary:Prefer", "file:b.conf")), cmd: Layer(("Primary:Prefer", "file:c.conf")));

        Assert.Equal("file:c.conf", Assert.Single(settings.Primary.Prefer).ToString());
    }

    [Fact]
    public void Load_ConfigDirFromEnvironment_ReadsThatDirectory()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/other");
        fs.File.WriteAllText("/other/Multus__ConfName", "05-multus");
        fs.Directory.CreateDirectory(ConfigDir);
        fs.File.WriteAllText(ConfigDir + "/Multus__ConfName", "01-multus");

        var settings = Load(fs, env: Layer(("ConfigDir", "/other")));

        Assert.Equal("05-multus", settings.Output.ConfName);
    }

    [Fact]
    public void ReadEnvironment_PrefixedVariables_BecomeKeys()
    {
        var env = new System.Collections.Hashtable
        {
            ["AOTAGENT_Primary__Prefer"] = "type:calico",
            ["AOTAGENT_CniDir"] = "/cni",
            ["PATH"] = "/usr/bin",
        };

        var keys = SettingsLoader.ReadEnvironment(env);

        Assert.Equal(2, keys.Count);
        Assert.Equal("type:calico", keys["Primary:Prefer"]);
        Assert.Equal("/cni", keys["CniDir"]);
    }

    [Theory]
    [InlineData("Primary__Prefer", "colour:red", "unknown kind 'colour'")]
    [InlineData("Primary__Prefer", "file:", "empty pattern")]
    [InlineData("Primary__Exclude", "flavour:x", "unknown kind 'flavour'")]
    [InlineData("Multus__Mode", "thicc", "expected thick or thin")]
    [InlineData("Http__Port", "70000", "65535")]
    [InlineData("Http__Port", "abc", "expected an integer")]
    [InlineData("Http__Address", "localhost", "expected an IP address")]
    [InlineData("Primary__InvalidGrace", "5s", "expected a TimeSpan")]
    [InlineData("Primary__InvalidGrace", "01:00:00", "expected a TimeSpan from 00:00:00 to 00:10:00")]
    [InlineData("Output__FileMode", "0777", "no world write")]
    [InlineData("Output__FileMode", "0400", "owner read and write required")]
    [InlineData("Output__FileMode", "rw-r--r--", "expected octal permission bits")]
    [InlineData("Output__ConflictBudget", "0", "from 1 to 1000")]
    [InlineData("Multus__ExtraJson", "{\"type\":\"x\"}", "owned by the agent are refused (type)")]
    [InlineData("Multus__ExtraJson", "[1,2]", "expected a JSON object")]
    [InlineData("Multus__ExtraJson", "{not json", "expected a JSON object")]
    [InlineData("Multus__LogLevel", "loud", "expected one of debug, error, panic, verbose")]
    [InlineData("Multus__CniVersion", "one", "expected a CNI spec version")]
    [InlineData("Multus__ConfName", ".hidden", "not starting with '.'")]
    [InlineData("Multus__ConfName", "a/b", "expected a file name")]
    [InlineData("Multus__GlobalNamespaces", "Bad_NS", "Kubernetes namespace names")]
    [InlineData("Multus__LogToStderr", "maybe", "expected true or false")]
    [InlineData("DryRun", "yes", "expected true or false")]
    [InlineData("Watch__Resync", "02:00:00", "expected a TimeSpan from 00:00:01 to 01:00:00")]
    [InlineData("CniDir", "etc/cni/net.d", "expected an absolute path")]
    [InlineData("Primary__ReadyFile", "ready", "expected an absolute path")]
    [InlineData("Multus__Kubeconfig", "multus.kubeconfig", "expected an absolute path")]
    [InlineData("Multus__ClusterNetworkDir", "host/etc", "expected an absolute path")]
    [InlineData("Multus__LogFile", "multus.log", "expected an absolute path")]
    [InlineData("Primary__Prefr", "file:10-aws.conflist", "unknown key")]
    [InlineData("ConfigDir", "aot-agent", "expected an absolute path")]
    [InlineData("Multus__DaemonSocketDir", "run/multus", "expected an absolute path")]
    [InlineData("Multus__ReadinessIndicatorFile", "ready", "expected an absolute path")]
    [InlineData("Multus__BinDir", "opt/cni/bin", "expected an absolute path")]
    [InlineData("Multus__ConfDir", "net.d", "expected an absolute path")]
    [InlineData("Multus__DaemonConfig", "daemon-config.json", "expected an absolute path")]
    [InlineData("Multus__NamespaceIsolation", "1", "expected true or false")]
    [InlineData("CleanupOnExit", "on", "expected true or false")]
    [InlineData("Watch__PollInterval", "00:00:00", "expected a TimeSpan from 00:00:00.050")]
    [InlineData("Output__ConflictBudget", "many", "expected an integer")]
    public void Load_BadValueInConfigMap_FirstLineNamesKeyValueAndAllowed(string key, string value, string allowed)
    {
        var ex = LoadFails(ConfigMap((key, value)));

        var firstLine = ex.Message.Split('\n')[0];
        Assert.StartsWith($"invalid configuration: {key}='{value}': ", firstLine, StringComparison.Ordinal);
        Assert.Contains(allowed, firstLine, StringComparison.Ordinal);
        Assert.Equal(key, ex.Errors[0].Key);
    }

    [Fact]
    public void Load_BadValueFromCommandLine_NamesOperatorSpelling()
    {
        var ex = LoadFails(new MockFileSystem(), cmd: Layer(("Multus:Mode", "thicc")));

        Assert.StartsWith("invalid configuration: Multus__Mode='thicc': expected thick or thin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKeyInEnvironment_Refused()
    {
        var ex = LoadFails(new MockFileSystem(), env: Layer(("Primary:Prefr", "x")));

        Assert.Equal("Primary__Prefr", ex.Errors[0].Key);
        Assert.Contains("unknown key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LoggingSection_IsNotAnUnknownKey()
    {
        var settings = Load(ConfigMap(("Logging__LogLevel__Default", "Debug")));

        Assert.Equal(MultusMode.Thick, settings.Multus.Mode);
    }

    [Fact]
    public void Load_SeveralBadValues_ReportsEveryOne()
    {
        var ex = LoadFails(ConfigMap(("Multus__Mode", "thicc"), ("Multus__LogLevel", "loud")));

        Assert.Equal(["Multus__LogLevel", "Multus__Mode"], ex.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_ConfigMapValueTooLarge_NamesTheKey()
    {
        var ex = LoadFails(ConfigMap(("Primary__Prefer", new string('a', ConfigMapReader.MaxValueBytes + 1))));

        Assert.StartsWith("invalid configuration: Primary__Prefer=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OptionalMultusKeys_Typed()
    {
        var fs = ConfigMap(
            ("Multus__DaemonSocketDir", "/run/multus/socket"),
            ("Multus__LogLevel", "verbose"),
            ("Multus__NamespaceIsolation", "true"),
            ("Multus__GlobalNamespaces", "default, kube-system\nopenshift-multus"),
            ("Multus__LogToStderr", "false"));

        var multus = Load(fs).Multus;

        Assert.Equal("/run/multus/socket", multus.DaemonSocketDir);
        Assert.Equal("verbose", multus.LogLevel);
        Assert.True(multus.NamespaceIsolation);
        Assert.Equal("default,kube-system,openshift-multus", multus.GlobalNamespaces);
        Assert.False(multus.LogToStderr);
    }

    [Theory]
    [InlineData("Multus__NetworkName", "  ")]
    [InlineData("Multus__Mode", "\t")]
    [InlineData("Http__Port", "")]
    [InlineData("Primary__Prefer", " \n")]
    public void Load_BlankValue_MeansNotSetSoTheDefaultApplies(string key, string value)
    {
        Assert.Equal(new AgentSettings(), Load(ConfigMap((key, value))));
    }

    [Theory]
    [InlineData("Multus__ClusterNetworkDir", " /host/etc/cni/net.d \n")]
    [InlineData("Multus__NetworkName", "multus-cni-network\n")]
    [InlineData("Multus__Kubeconfig", "\t/etc/cni/net.d/multus.d/multus.kubeconfig ")]
    [InlineData("Http__Port", " 9747\n")]
    [InlineData("Multus__Mode", "thick\n")]
    [InlineData("Output__FileMode", " 0600 ")]
    public void Load_SurroundingWhitespace_TrimmedForEveryKey(string key, string value)
    {
        Assert.Equal(new AgentSettings(), Load(ConfigMap((key, value))));
    }

    [Fact]
    public void Load_ExtraJsonObject_Parsed()
    {
        var settings = Load(ConfigMap(("Multus__ExtraJson", "{\"multusNamespace\":\"kube-system\"}")));

        Assert.Equal("kube-system", settings.Multus.ExtraJson!["multusNamespace"]!.GetValue<string>());
    }

    [Fact]
    public void Load_FileModeWithoutLeadingZero_Accepted()
    {
        var settings = Load(ConfigMap(("Output__FileMode", "644")));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, settings.Output.FileMode);
    }

    [Fact]
    public void Load_TrailingSlashOnDirectories_Trimmed()
    {
        var settings = Load(new MockFileSystem(), cmd: Layer(("CniDir", "/etc/cni/net.d/"), ("Multus:ClusterNetworkDir", "/host/etc/cni/net.d/")));

        Assert.Equal("/etc/cni/net.d", settings.CniDir);
        Assert.Equal("/host/etc/cni/net.d", settings.Multus.ClusterNetworkDir);
    }
}
