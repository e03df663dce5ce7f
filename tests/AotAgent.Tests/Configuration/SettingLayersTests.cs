using System.IO.Abstractions.TestingHelpers;
using AotAgent.Configuration;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Configuration;

/// <summary>Issue 15: one cleaning rule for every source, precedence made visible, every bad value one helpful line.</summary>
public sealed class SettingLayersTests
{
    private const string ConfigDir = "/etc/aot-agent";

    public enum Source
    {
        ConfigMap,
        Environment,
        CommandLine,
    }

    private static LoadedSettings Read(Source source, string key, string value, params (string Key, string Value)[] configMap) =>
        Loader(source, key, value, configMap).Read();

    private static SettingsLoader Loader(Source source, string key, string value, params (string Key, string Value)[] configMap)
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(ConfigDir);
        foreach (var (k, v) in configMap)
        {
            fs.File.WriteAllText($"{ConfigDir}/{k}", v);
        }

        var env = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var cmd = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        switch (source)
        {
            case Source.ConfigMap: fs.File.WriteAllText($"{ConfigDir}/{key}", value); break;
            case Source.Environment: env[KeySpelling.ToPath(key)] = value; break;
            default: cmd[KeySpelling.ToPath(key)] = value; break;
        }

        return new SettingsLoader(fs, new FileSystemProbe(fs), env, cmd);
    }

    private static ConfigurationException Fails(Source source, string key, string value) =>
        Assert.Throws<ConfigurationException>(() => Read(source, key, value));

    public static TheoryData<Source, string, string, string> Whitespace()
    {
        var data = new TheoryData<Source, string, string, string>();
        foreach (var source in Enum.GetValues<Source>())
        {
            data.Add(source, "Multus__ClusterNetworkDir", " /host/run/multus/net.d \n", "/host/run/multus/net.d");
            data.Add(source, "Multus__Kubeconfig", "\t/k/multus.kubeconfig\r\n", "/k/multus.kubeconfig");
            data.Add(source, "Multus__NetworkName", "net-a \t\n", "net-a");
            data.Add(source, "Multus__Mode", " thin\n", "thin");
            data.Add(source, "Output__FileMode", " 0644 ", "0644");
            data.Add(source, "Logging__LogLevel__Default", " debug\n", "Debug");
            data.Add(source, "Logging__Console__FormatterName", "JSON\n", "json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Whitespace))]
    public void SurroundingWhitespace_TrimmedTheSameFromEverySource(Source source, string key, string value, string clean)
    {
        var loaded = Read(source, key, value);

        var setting = loaded.Values.Single(v => v.Key == key);
        Assert.Equal(clean, setting.Value);
        Assert.Equal(source switch { Source.ConfigMap => SettingSource.ConfigMap, Source.Environment => SettingSource.Environment, _ => SettingSource.CommandLine }, setting.Source);
        Assert.Equal(clean, loaded.Configuration[KeySpelling.ToPath(key)]);
    }

    [Fact]
    public void Whitespace_NeverReachesTheSettings()
    {
        var settings = Read(Source.Environment, "Multus__ClusterNetworkDir", "/host/etc/cni/net.d \n").Settings;
        Assert.Equal("/host/etc/cni/net.d", settings.Multus.ClusterNetworkDir);
        Assert.Equal("net", Read(Source.CommandLine, "Multus__NetworkName", "\tnet\n").Settings.Multus.NetworkName);
    }

    [Theory]
    [InlineData(Source.Environment)]
    [InlineData(Source.CommandLine)]
    public void EmptyValueInAHigherLayer_IsUnset_TheConfigMapShowsThrough(Source source)
    {
        var loaded = Read(source, "Multus__Mode", " \n", ("Multus__Mode", "thin"));

        Assert.Equal(AotAgent.Rendering.MultusMode.Thin, loaded.Settings.Multus.Mode);
        Assert.Equal(SettingSource.ConfigMap, loaded.Values.Single(v => v.Key == "Multus__Mode").Source);
    }

    [Theory]
    [InlineData(Source.ConfigMap)]
    [InlineData(Source.Environment)]
    [InlineData(Source.CommandLine)]
    public void OversizedValue_RefusedFromEverySource(Source source)
    {
        var big = "{\"x\":\"" + new string('a', 100 * 1024) + "\"}";

        var ex = Fails(source, "Multus__ExtraJson", big);

        Assert.Equal("Multus__ExtraJson", ex.Errors[0].Key);
        Assert.Contains("at most 65536 bytes", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 200), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Logging__LogLevel__Default", "Loud", "expected a log level: one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("Logging__LogLevel__Microsoft", "2", "expected a log level")]
    [InlineData("Logging__Console__LogLevel__Default", "verbose", "expected a log level")]
    [InlineData("Logging__Console__FormatterName", "jsn", "expected simple or json")]
    [InlineData("Primary__Prefer", ",,", "the list holds no selector")]
    [InlineData("Primary__Exclude", ",\n,", "the list holds no selector")]
    [InlineData("Multus__GlobalNamespaces", ",", "the list holds no namespace")]
    [InlineData("Primary__Prefer", "type:[abc]", "not glob syntax here")]
    [InlineData("Primary__Exclude", "10-[ab].conflist", "not glob syntax here")]
    [InlineData("Http__Port", "99999", "expected an integer from 0 to 65535")]
    public void BadValue_OneLineNamingTheOperatorsKeyTheValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        foreach (var source in Enum.GetValues<Source>())
        {
            var ex = Fails(source, key, value);

            var line = Assert.Single(ex.Message.Split('\n'));
            Assert.StartsWith($"invalid configuration: {key}='{value.Replace("\n", "\\n", StringComparison.Ordinal)}': ", line, StringComparison.Ordinal);
            Assert.Contains(allowed, line, StringComparison.Ordinal);
            Assert.DoesNotContain("AgentOptions", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Primary__Prefr", "did you mean Primary__Prefer?")]
    [InlineData("Primary__Prefered", "did you mean Primary__Prefer?")]
    [InlineData("Multus_Mode", "did you mean Multus__Mode?")]
    [InlineData("Mutlus__ConfName", "did you mean Multus__ConfName?")]
    [InlineData("Config__AllowEmty", "did you mean Config__AllowEmpty?")]
    public void UnknownKey_DidYouMean(string key, string hint)
    {
        var ex = Fails(Source.Environment, key, "x");

        Assert.Contains("unknown key; " + hint, ex.Message, StringComparison.Ordinal);
        Assert.Equal(key, ex.Errors[0].Key);
    }

    [Fact]
    public void UnknownKey_NothingClose_NoGuess()
    {
        var ex = Fails(Source.CommandLine, "Banana", "x");

        Assert.DoesNotContain("did you mean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadValues_OneLineEach()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(ConfigDir);
        fs.File.WriteAllText($"{ConfigDir}/Multus__Mode", "thicc");
        fs.File.WriteAllText($"{ConfigDir}/Multus__NetworkName", "line one\nline two\n");
        var env = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Loud" };

        var ex = Assert.Throws<ConfigurationException>(() => new SettingsLoader(fs, new FileSystemProbe(fs), env, new Dictionary<string, string?> { ["Multus:Mode"] = "fat" }).Read());

        Assert.Equal(["invalid configuration: Logging__LogLevel__Default='Loud'", "invalid configuration: Multus__Mode='fat'"], ex.Message.Split('\n').Select(l => l[..l.IndexOf(": expected", StringComparison.Ordinal)]));
    }

    [Fact]
    public void ConfigError_ControlCharactersEscapedAndLongValuesCut()
    {
        var line = new ConfigError("Multus__ExtraJson", "{\n\t\"a\": 1\n}" + new string('x', 500), "expected a JSON object").ToString();

        Assert.DoesNotContain('\n', line);
        Assert.Contains("{\\n\\t\"a\": 1\\n}", line, StringComparison.Ordinal);
        Assert.Contains("... (511 bytes)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_EveryKeyWithItsSourceAndWhatItShadows()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(ConfigDir);
        fs.File.WriteAllText($"{ConfigDir}/Primary__Prefer", "file:10-calico.conflist\n");
        fs.File.WriteAllText($"{ConfigDir}/Multus__NetworkName", "from-configmap");
        var env = new Dictionary<string, string?> { ["Primary:Prefer"] = "file:10-aws.conflist", ["Multus:Mode"] = "thin" };
        var cmd = new Dictionary<string, string?> { ["Multus:Mode"] = "thick" };

        var loaded = new SettingsLoader(fs, new FileSystemProbe(fs), env, cmd).Read();
        var byKey = loaded.Values.ToDictionary(v => v.Key);

        Assert.Equal(SettingKeys.All.Count + SettingKeys.LoggingDefaults.Count, loaded.Values.Count);
        Assert.Equal(new SettingValue("CniDir", "/host/etc/cni/net.d", SettingSource.Default, []), byKey["CniDir"]);
        Assert.Equal(("file:10-aws.conflist", SettingSource.Environment), (byKey["Primary__Prefer"].Value, byKey["Primary__Prefer"].Source));
        Assert.Equal([new ShadowedValue(SettingSource.ConfigMap, "file:10-calico.conflist")], byKey["Primary__Prefer"].Shadowed);
        Assert.Equal(("from-configmap", SettingSource.ConfigMap), (byKey["Multus__NetworkName"].Value, byKey["Multus__NetworkName"].Source));
        Assert.Equal(("thick", SettingSource.CommandLine), (byKey["Multus__Mode"].Value, byKey["Multus__Mode"].Source));
        Assert.Equal([new ShadowedValue(SettingSource.Environment, "thin")], byKey["Multus__Mode"].Shadowed);
        Assert.Equal("Information", byKey["Logging__LogLevel__Default"].Value);
        Assert.Equal(["Primary__Prefer"], loaded.ShadowedConfigMapKeys.Select(v => v.Key));
    }
}
