using System.Text;
using System.Text.Json.Nodes;
using AotAgent.Configuration;
using AotAgent.Rendering;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Rendering;

public sealed partial class MultusConfigRendererTests
{
    private const string Primary = """
        {"cniVersion":"0.4.0","name":"aws-cni","disableCheck":true,"plugins":[
          {"type":"aws-cni","mtu":"9001","capabilities":{"io.kubernetes.cri.pod-annotations":true,"ips":false}},
          {"type":"portmap","capabilities":{"portMappings":true},"snat":true}]}
        """;

    private static CniNetwork Network(string fileName, string json) =>
        CniConfigParser.Parse(fileName, Encoding.UTF8.GetBytes(json), out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>The rendered bytes with the names the output policy gives them (written as, and the other name removed).</summary>
    private sealed record NamedOutput(string FileName, string StaleFileName, byte[] Content);

    private static (NamedOutput Output, JsonObject Json) Render(AgentSettings settings, string file = "10-aws.conflist", string json = Primary)
    {
        var output = MultusConfigRenderer.Render(settings.Multus, file, Network(file, json));
        var name = settings.Output.FileNameFor(output.IsList);
        return (new NamedOutput(name, settings.Output.OtherName(name), output.Content), JsonNode.Parse(output.Content)!.AsObject());
    }

    private static string[] Keys(JsonObject obj) => obj.Select(p => p.Key).ToArray();

    [Fact]
    public void Render_Thin_MultusWithDelegatePreservedVerbatim()
    {
        var (output, json) = Render(new SettingsBuilder().Thin().Build());

        Assert.Equal("00-multus.conf", output.FileName);
        Assert.Equal("00-multus.conflist", output.StaleFileName);
        Assert.Equal(["cniVersion", "name", "type", "capabilities", "kubeconfig", MultusConfigReader.PrimaryFileKey, "delegates"], Keys(json));
        Assert.Equal("10-aws.conflist", json[MultusConfigReader.PrimaryFileKey]!.GetValue<string>());
        Assert.Equal("0.4.0", json["cniVersion"]!.GetValue<string>());
        Assert.Equal("multus-cni-network", json["name"]!.GetValue<string>());
        Assert.Equal("multus", json["type"]!.GetValue<string>());
        Assert.Equal("/etc/cni/net.d/multus.d/multus.kubeconfig", json["kubeconfig"]!.GetValue<string>());
        var delegates = json["delegates"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Primary), Assert.Single(delegates)));
    }

    [Fact]
    public void Render_Capabilities_UnionOfTrueOnlySorted()
    {
        var (_, json) = Render(new SettingsBuilder().Thin().Build());

        Assert.Equal("""{"io.kubernetes.cri.pod-annotations":true,"portMappings":true}""", json["capabilities"]!.ToJsonString());
    }

    [Fact]
    public void Render_PrimaryWithoutCapabilities_NoCapabilitiesKey()
    {
        var (_, thin) = Render(new SettingsBuilder().Thin().Build(), "10-a.conf", CniJson.Conf("a"));
        var (_, thick) = Render(SettingsBuilder.Default(), "10-a.conf", CniJson.Conf("a"));

        Assert.False(thin.ContainsKey("capabilities"));
        Assert.False(thick.ContainsKey("capabilities"));
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Render_ThinCni1_ConflistWrappingMultusPlugin(string version)
    {
        var primary = CniJson.List("dbnet", version, ["bridge", "portmap"], ["portMappings"]);

        var (output, json) = Render(new SettingsBuilder().Thin().Build(), "10-dbnet.conflist", primary);

        Assert.Equal("00-multus.conflist", output.FileName);
        Assert.Equal("00-multus.conf", output.StaleFileName);
        Assert.Equal(["cniVersion", "name", "plugins"], Keys(json));
        Assert.Equal(version, json["cniVersion"]!.GetValue<string>());
        var multus = Assert.Single(json["plugins"]!.AsArray())!.AsObject();
        Assert.Equal(["type", "capabilities", "kubeconfig", MultusConfigReader.PrimaryFileKey, "delegates"], Keys(multus));
        Assert.Equal("multus", multus["type"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(primary), multus["delegates"]![0]));
    }

    [Fact]
    public void Render_ThinWithMultusCniVersion_UsesIt()
    {
        var (output, json) = Render(new SettingsBuilder().Thin().Set("Multus__CniVersion", "1.0.0").Build());

        Assert.Equal("00-multus.conflist", output.FileName);
        Assert.Equal("1.0.0", json["cniVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Render_Thick_ShimWithClusterNetworkPath()
    {
        var (output, json) = Render(SettingsBuilder.Default());

        Assert.Equal("00-multus.conf", output.FileName);
        Assert.Equal("00-multus.conflist", output.StaleFileName);
        Assert.Equal(["cniVersion", "name", "type", "capabilities", "clusterNetwork"], Keys(json));
        Assert.Equal("0.3.1", json["cniVersion"]!.GetValue<string>());
        Assert.Equal("multus-shim", json["type"]!.GetValue<string>());
        Assert.Equal("/host/etc/cni/net.d/10-aws.conflist", json["clusterNetwork"]!.GetValue<string>());
        Assert.False(json.ContainsKey("delegates"));
    }

    [Fact]
    public void Render_ThickSettings_VersionNameAndDirectoryFromSettings()
    {
        var settings = new SettingsBuilder()
            .Set("Multus__CniVersion", "1.0.0")
            .Set("Multus__NetworkName", "my-multus")
            .Set("Multus__ClusterNetworkDir", "/host/run/multus/cni/net.d/")
            .Set("Multus__ConfName", "01-multus")
            .Build();

        var (output, json) = Render(settings);

        Assert.Equal("01-multus.conf", output.FileName);
        Assert.Equal("1.0.0", json["cniVersion"]!.GetValue<string>());
        Assert.Equal("my-multus", json["name"]!.GetValue<string>());
        Assert.Equal("/host/run/multus/cni/net.d/10-aws.conflist", json["clusterNetwork"]!.GetValue<string>());
    }

    [Fact]
    public void Render_DaemonSocketDirInThinMode_NotEmitted()
    {
        var (_, json) = Render(new SettingsBuilder().Thin().Set("Multus__DaemonSocketDir", "/run/multus/socket").Set("Multus__LogLevel", "debug").Build());

        Assert.False(json.ContainsKey("daemonSocketDir"));
        Assert.Equal("debug", json["logLevel"]!.GetValue<string>());
    }

    [Fact]
    public void Render_OptionalKeys_OnlyThoseSet()
    {
        var settings = new SettingsBuilder()
            .Set("Multus__LogLevel", "verbose")
            .Set("Multus__LogToStderr", "false")
            .Set("Multus__DaemonSocketDir", "/run/multus/socket")
            .Build();

        var (_, json) = Render(settings);

        Assert.Equal(["cniVersion", "name", "type", "capabilities", "clusterNetwork", "logToStderr", "logLevel", "daemonSocketDir"], Keys(json));
        Assert.False(json["logToStderr"]!.GetValue<bool>());
    }

    [Fact]
    public void Render_ExtraJson_MergedAfterOptionalKeys()
    {
        var settings = new SettingsBuilder().Thin().Set("Multus__ExtraJson", """{"multusNamespace":"kube-system","systemNamespaces":["kube-system"]}""").Build();

        var (_, json) = Render(settings);

        Assert.Equal("kube-system", json["multusNamespace"]!.GetValue<string>());
        Assert.Equal("""["kube-system"]""", json["systemNamespaces"]!.ToJsonString());
        Assert.Equal(["cniVersion", "name", "type", "capabilities", "multusNamespace", "systemNamespaces", "kubeconfig", MultusConfigReader.PrimaryFileKey, "delegates"], Keys(json));
    }

    [Fact]
    public void Render_SameInputs_SameBytesUtf8NoBomTrailingNewline()
    {
        var settings = new SettingsBuilder().Thin().Set("Multus__ExtraJson", """{"x":"<é>"}""").Build();
        var primary = """{"cniVersion":"0.4.0","name":"caf\u00e9 <net>","type":"bridge","z":1,"a":2}""";

        var a = Render(settings, "10-a.conf", primary).Output.Content;
        var b = Render(settings, "10-a.conf", primary).Output.Content;

        Assert.Equal(a, b);
        Assert.NotEqual(0xEF, a[0]);
        Assert.Equal((byte)'{', a[0]);
        Assert.Equal((byte)'\n', a[^1]);
        Assert.NotEqual((byte)'\n', a[^2]);
        Assert.True(System.Text.Unicode.Utf8.IsValid(a));
        var text = Encoding.UTF8.GetString(a);
        Assert.Contains("café <net>", text, StringComparison.Ordinal);
        Assert.Contains("\"z\": 1,\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\"z\"", StringComparison.Ordinal) < text.IndexOf("\"a\"", StringComparison.Ordinal), "delegate keeps the primary's key order");
    }

    [Fact]
    public void Render_DoesNotMutatePrimary()
    {
        var network = Network("10-aws.conflist", Primary);
        var before = network.Json!.ToJsonString();

        MultusConfigRenderer.Render(new SettingsBuilder().Thin().Set("Multus__ExtraJson", """{"k":{"v":1}}""").Build().Multus, "10-aws.conflist", network);
        var again = MultusConfigRenderer.Render(new SettingsBuilder().Thin().Build().Multus, "10-aws.conflist", network);

        Assert.Equal(before, network.Json!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(network.Json, JsonNode.Parse(again.Content)!["delegates"]![0]));
    }
}
