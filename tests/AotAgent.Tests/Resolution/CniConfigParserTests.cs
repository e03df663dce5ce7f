using System.Text;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

public sealed class CniConfigParserTests
{
    private static CniNetwork? Parse(string fileName, string json, out string? problem) =>
        CniConfigParser.Parse(fileName, Encoding.UTF8.GetBytes(json), out problem);

    private static string Invalid(string fileName, string json)
    {
        Assert.Null(Parse(fileName, json, out var problem));
        Assert.NotNull(problem);
        return problem;
    }

    [Fact]
    public void Parse_ValidList_NetworkWithTypesAndTrueCapabilities()
    {
        const string Json = """
            {"cniVersion":"0.4.0","name":"net","plugins":[
              {"type":"bridge","capabilities":{"mac":true,"ips":false}},
              {"type":"portmap","capabilities":{"portMappings":true}}]}
            """;

        var network = Parse("10-net.conflist", Json, out var problem);

        Assert.Null(problem);
        Assert.NotNull(network);
        Assert.Equal("net", network.Name);
        Assert.Equal("0.4.0", network.CniVersion);
        Assert.Equal("bridge", network.MainType);
        Assert.Equal(["bridge", "portmap"], network.PluginTypes);
        Assert.Equal(["mac", "portMappings"], network.Capabilities);
        Assert.True(network.IsList);
    }

    [Theory]
    [InlineData("10-net.conf")]
    [InlineData("10-net.json")]
    public void Parse_ValidSingleConf_NotAList(string fileName)
    {
        var network = Parse(fileName, CniJson.Conf("net", "ptp"), out var problem);

        Assert.Null(problem);
        Assert.Equal("ptp", network!.MainType);
        Assert.False(network.IsList);
    }

    [Theory]
    [InlineData("x.conflist", "", "empty")]
    [InlineData("x.conflist", "   ", "empty")]
    [InlineData("x.conflist", "{", "not valid JSON")]
    [InlineData("x.conflist", "[]", "not a JSON object")]
    [InlineData("x.conflist", "\"text\"", "not a JSON object")]
    [InlineData("x.conflist", "{\"cniVersion\":\"0.4.0\",\"plugins\":[{\"type\":\"a\"}]}", "no \"name\" string")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"plugins\":[{\"type\":\"a\"}]}", "no \"cniVersion\" string")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":4,\"plugins\":[{\"type\":\"a\"}]}", "\"cniVersion\" is a number; libcni needs a string")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"four\",\"plugins\":[{\"type\":\"a\"}]}", "is not a version")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\"}", "no \"plugins\" array")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"type\":\"bridge\"}", "a single-plugin config in a .conflist")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[]}", "\"plugins\" is empty")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[{\"type\":\"a\"},{\"type\":7}]}", "\"plugins[1].type\" is a number; libcni (containerd, CRI-O) and Multus need a string")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[{\"type\":\"\"}]}", "plugins[0] has no \"type\" string")]
    [InlineData("x.conflist", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[\"bridge\"]}", "\"plugins[0]\" is a string; libcni needs an object")]
    [InlineData("x.conf", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\"}", "no \"type\" string")]
    [InlineData("x.conf", "{\"type\":\"bridge\",\"cniVersion\":\"0.4.0\"}", "no \"name\" string")]
    [InlineData("x.conf", "{\"name\":\"n\",\"type\":\"bridge\"}", "no \"cniVersion\" string")]
    [InlineData("x.conf", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[{\"type\":\"a\"}]}", "a plugin list in a .conf/.json file")]
    [InlineData("x.json", "{\"name\":\"n\",\"cniVersion\":\"0.4.0\",\"plugins\":[{\"type\":\"a\"}]}", "a plugin list in a .conf/.json file")]
    public void Parse_InvalidConfig_ReasonSaysWhy(string fileName, string json, string reason)
    {
        Assert.Contains(reason, Invalid(fileName, json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Utf8Bom_Refused()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(CniJson.Bytes(CniJson.Conf("n"))).ToArray();

        Assert.Null(CniConfigParser.Parse("x.conf", bytes, out var problem));
        Assert.Contains("byte order mark", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingBeyondMaxDepth_InvalidNotThrown()
    {
        var json = "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.Equal("nested deeper than 10000 levels, which Go's JSON decoder (libcni) refuses", Invalid("deep.conf", json));
    }

    [Fact]
    public void Parse_NestingWithinMaxDepth_Valid()
    {
        var depth = CniConfigParser.MaxDepth - 2;
        var json = "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"x\":" + new string('[', depth) + new string(']', depth) + "}";

        Assert.NotNull(Parse("ok.conf", json, out _));
    }

    [Fact]
    public void Parse_DuplicateKeys_LastWinsAsInGoWithAWarning()
    {
        var network = Parse("dup.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"a\",\"name\":\"b\",\"type\":\"t\"}", out var problem);

        Assert.Null(problem);
        Assert.Equal("b", network!.Name);
        Assert.Equal("b", network.Json!["name"]!.GetValue<string>());
        Assert.Contains(network.Warnings, w => w.StartsWith("duplicate key \"name\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Parse_InvalidUtf8InTopLevelString_Invalid(byte[] bad)
    {
        var bytes = CniJson.Bytes("{\"cniVersion\":\"0.4.0\",\"type\":\"t\",\"name\":\"")
            .Concat(bad).Concat(CniJson.Bytes("\"}")).ToArray();

        Assert.Null(CniConfigParser.Parse("bad.conf", bytes, out var problem));
        Assert.Equal("not valid UTF-8" + CniConfigParser.AgentRule, problem);
    }

    [Fact]
    public void Parse_InvalidUtf8InNestedValue_Invalid()
    {
        var bytes = CniJson.Bytes("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"ipam\":{\"subnet\":\"")
            .Concat(new byte[] { 0xC3, 0x28 }).Concat(CniJson.Bytes("\"}}")).ToArray();

        Assert.Null(CniConfigParser.Parse("bad.conf", bytes, out var problem));
        Assert.Equal("not valid UTF-8" + CniConfigParser.AgentRule, problem);
    }

    [Theory]
    [InlineData("{\"\\udc00\":1,\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\"}", "n")]
    [InlineData("{\"cniVersion\":\"0.4.0\",\"name\":\"a\\ud800\\u0041\",\"type\":\"t\"}", "a\uFFFDA")]
    [InlineData("{\"cniVersion\":\"0.4.0\",\"name\":\"\\ud83d\\ude00\\\\ud800\",\"type\":\"t\"}", "\U0001F600\\ud800")]
    public void Parse_UnpairedSurrogateEscape_ReadAsGoReadsIt(string json, string name)
    {
        // Go decodes an unpaired surrogate escape as U+FFFD; System.Text.Json would throw on such a key or value.
        var network = Parse("x.conf", json, out var problem);

        Assert.Null(problem);
        Assert.Equal(name, network!.Name);
    }

    [Fact]
    public void Parse_LongInvalidVersion_ReasonBoundedToOneLine()
    {
        var reason = Invalid("x.conf", "{\"cniVersion\":\"" + new string('x', 1000) + "\\n" + "\",\"name\":\"n\",\"type\":\"t\"}");

        Assert.DoesNotContain('\n', reason);
        Assert.True(reason.Length < 250, reason);
    }

    [Fact]
    public void Parse_CapabilityNotBoolean_InvalidAsLibcniRefusesIt()
    {
        var reason = Invalid("x.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"capabilities\":{\"c\":true,\"a\":\"true\"}}");

        Assert.Equal("\"capabilities.a\" is a string; libcni (containerd, CRI-O) and Multus need true or false", reason);
    }

    [Fact]
    public void Parse_CapabilitiesTrueOrNull_OnlyTrueAdvertised()
    {
        var network = Parse("x.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\",\"capabilities\":{\"a\":false,\"b\":null,\"c\":true}}", out _);

        Assert.Equal(["c"], network!.Capabilities);
    }

    /// <summary>Every real primary config in the corpus is a valid candidate with the right main type and capabilities.</summary>
    [Theory]
    [InlineData("aws-vpc-cni__10-aws.conflist", "aws-cni", "0.4.0", "aws-cni", "io.kubernetes.cri.pod-annotations,portMappings")]
    [InlineData("calico__10-calico.conflist", "k8s-pod-network", "0.3.1", "calico", "portMappings")]
    [InlineData("cilium__05-cilium.conflist", "cilium", "0.3.1", "cilium-cni", "")]
    [InlineData("flannel__10-flannel.conflist", "cbr0", "0.3.1", "flannel", "portMappings")]
    [InlineData("antrea__10-antrea.conflist", "antrea", "0.3.0", "antrea", "bandwidth,portMappings")]
    [InlineData("kindnet__10-kindnet.conflist", "kindnet", "0.3.1", "ptp", "portMappings")]
    [InlineData("weave__10-weave.conflist", "weave", "0.3.0", "weave-net", "portMappings")]
    [InlineData("ovn-kubernetes__10-ovn-kubernetes.conf", "ovn-kubernetes", "0.4.0", "ovn-k8s-cni-overlay", "")]
    [InlineData("containernetworking-SPEC-example__dbnet.conflist", "dbnet", "1.1.0", "bridge", "mac,portMappings")]
    [InlineData("istio-testdata-chained-golden__list.conflist", "dbnet", "0.4.0", "bridge", "")]
    [InlineData("istio-testdata-chained-golden__bridge.conflist", "k8s-pod-network", "0.3.1", "bridge", "")]
    [InlineData("istio-testdata-owned-golden__02-istio-cni.conflist", "dbnet", "0.4.0", "bridge", "")]
    [InlineData("istio-SYNTHESIZED-owned-from-aws__02-istio-cni.conflist", "aws-cni", "0.4.0", "aws-cni", "io.kubernetes.cri.pod-annotations,portMappings")]
    [InlineData("kuma-testdata-chained-golden__10-calico.conflist", "k8s-pod-network", "0.3.0", "calico", "portMappings")]
    [InlineData("istio-testdata-input__bridge.conf", "dbnet", "0.4.0", "bridge", "")]
    [InlineData("containernetworking-README__10-mynet.conf", "mynet", "0.2.0", "bridge", "")]
    public void Parse_CorpusPrimary_ValidWithMainTypeAndCapabilities(string corpusFile, string name, string cniVersion, string mainType, string capabilities)
    {
        var onDiskName = corpusFile[(corpusFile.IndexOf("__", StringComparison.Ordinal) + 2)..];

        var network = CniConfigParser.Parse(onDiskName, File.ReadAllBytes(TestPaths.CorpusFile(corpusFile)), out var problem);

        Assert.Null(problem);
        Assert.NotNull(network);
        Assert.Equal(name, network.Name);
        Assert.Equal(cniVersion, network.CniVersion);
        Assert.Equal(mainType, network.MainType);
        Assert.Equal(capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries), network.Capabilities);
        Assert.Equal(onDiskName.EndsWith(".conflist", StringComparison.Ordinal), network.IsList);
    }

    [Theory]
    [InlineData("istio-testdata-chained-golden__list.conflist", "istio-cni")]
    [InlineData("istio-SYNTHESIZED-owned-from-aws__02-istio-cni.conflist", "istio-cni")]
    [InlineData("kuma-testdata-chained-golden__10-calico.conflist", "kuma-cni")]
    public void Parse_CorpusChainedList_ChainedPluginIsLastPluginType(string corpusFile, string chained)
    {
        var network = CniConfigParser.Parse("x.conflist", File.ReadAllBytes(TestPaths.CorpusFile(corpusFile)), out _);

        Assert.Equal(chained, network!.PluginTypes[^1]);
    }

    [Theory]
    [InlineData("multus-thick-DERIVED-aws-daemoncfg__00-multus.conf", "multus-shim")]
    [InlineData("multus-thin-DERIVED-aws__00-multus.conf", "multus")]
    [InlineData("multus-thin-DERIVED-dbnet-1.1.0__00-multus.conflist", "multus")]
    public void Parse_CorpusMultusOutputs_ParseAsMultus(string corpusFile, string type)
    {
        var onDiskName = corpusFile[(corpusFile.IndexOf("__", StringComparison.Ordinal) + 2)..];

        var network = CniConfigParser.Parse(onDiskName, File.ReadAllBytes(TestPaths.CorpusFile(corpusFile)), out var problem);

        Assert.Null(problem);
        Assert.Equal(type, network!.MainType);
    }
}
