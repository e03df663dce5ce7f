using System.Text.Json;
using System.Text.Json.Nodes;
using AotAgent.Configuration;
using AotAgent.Rendering;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Rendering;

/// <summary>
/// Golden tests against the corpus: the rendered output must MEAN what Multus's own output means (keys and values,
/// key order aside), except for the documented differences applied by <see cref="ExpectedDifferences"/>.
/// </summary>
public sealed partial class MultusConfigRendererTests
{
    /// <summary>
    /// The only differences from Multus's own output this agent is allowed to have (product issue, multus.md §1.2.2, §2.1).
    /// Applied to Multus's output before comparing; thick mode has none.
    /// </summary>
    private static JsonObject ExpectedDifferences(JsonObject multusOutput, MultusMode mode, string primaryFile)
    {
        if (mode == MultusMode.Thick)
        {
            return multusOutput;
        }

        // The multus plugin: the file itself (.conf) or the only entry of "plugins" (.conflist, CNI >= 1.0.0).
        var plugin = multusOutput["plugins"] is JsonArray plugins ? plugins[0]!.AsObject() : multusOutput;

        // (a) Multus thin writes "cniConf" (its --multus-cni-conf-dir) but no Multus component reads it
        //     (multus.md §2.1): the agent never emits it.
        plugin.Remove("cniConf");

        // (a') The agent records its primary's file name beside the copy (so a restart knows it); Multus ignores the key.
        plugin[MultusConfigReader.PrimaryFileKey] = primaryFile;

        // (b) Multus thin copies every capability, false ones included (multus.md §1.2.2); the agent advertises
        //     only capabilities that some plugin sets to true, as Multus thick does.
        if (plugin["capabilities"] is JsonObject caps)
        {
            foreach (var key in caps.Where(p => p.Value?.GetValueKind() != JsonValueKind.True).Select(p => p.Key).ToList())
            {
                caps.Remove(key);
            }

            if (caps.Count == 0)
            {
                plugin.Remove("capabilities");
            }
        }

        return multusOutput;
    }

    public static TheoryData<string, string, string, string[]> MultusGoldens => new()
    {
        // Thin, Multus thin_entrypoint with the upstream DaemonSet args: only the mode differs from the defaults.
        { "aws-vpc-cni__10-aws.conflist", "multus-thin-DERIVED-aws__00-multus.conf", "thin", [] },

        // Thin, --multus-log-level=verbose --readiness-indicator-file=/host/etc/cni/net.d/10-dbnet.conflist; 1.1.0 -> .conflist.
        {
            "containernetworking-SPEC-example__dbnet.conflist", "multus-thin-DERIVED-dbnet-1.1.0__00-multus.conflist", "thin",
            ["Multus__LogLevel=verbose", "Multus__ReadinessIndicatorFile=/host/etc/cni/net.d/10-dbnet.conflist"]
        },

        // Thick, the EKS add-on's daemon-config.json (logFile, logLevel, logToStderr); cniVersion 0.3.1 is the default.
        {
            "aws-vpc-cni__10-aws.conflist", "multus-thick-DERIVED-aws-daemoncfg__00-multus.conf", "thick",
            ["Multus__LogFile=/var/log/multus.log", "Multus__LogLevel=verbose", "Multus__LogToStderr=true"]
        },

        // Thick, upstream multus-daemonset-thick.yml daemon-config.json.
        {
            "aws-vpc-cni__10-aws.conflist", "multus-thick-DERIVED-upstream-daemoncfg-aws__00-multus.conf", "thick",
            ["Multus__LogLevel=verbose", "Multus__LogToStderr=true"]
        },

        // Thick, OpenShift CNO daemon-config.json: clusterNetwork lives in multusAutoconfigDir; the daemon-config's
        // readinessindicatorfile is a daemon option and does not appear in the generated file (SOURCES.md notes).
        {
            "ovn-kubernetes__10-ovn-kubernetes.conf", "multus-thick-DERIVED-openshift-ovn__00-multus.conf", "thick",
            [
                "Multus__LogLevel=verbose", "Multus__LogToStderr=true", "Multus__BinDir=/var/lib/cni/bin",
                "Multus__NamespaceIsolation=true", "Multus__GlobalNamespaces=default,openshift-multus,openshift-sriov-network-operator,openshift-cnv",
                "Multus__DaemonSocketDir=/run/multus/socket", "Multus__ClusterNetworkDir=/host/run/multus/cni/net.d",
            ]
        },
    };

    private static AgentSettings CorpusSettings(string mode, IEnumerable<string> sets)
    {
        var builder = new SettingsBuilder().Set("Multus__Mode", mode);
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=', StringComparison.Ordinal);
            builder.Set(set[..eq], set[(eq + 1)..]);
        }

        return builder.Build();
    }

    private static string OnDiskName(string corpusFile) => corpusFile[(corpusFile.IndexOf("__", StringComparison.Ordinal) + 2)..];

    /// <summary>The rendered bytes under the name the output policy writes them to.</summary>
    private sealed record Named(string FileName, byte[] Content);

    private static Named RenderCorpus(string primaryCorpusFile, AgentSettings settings)
    {
        var name = OnDiskName(primaryCorpusFile);
        var network = CniConfigParser.Parse(name, File.ReadAllBytes(TestPaths.CorpusFile(primaryCorpusFile)), out var problem)
            ?? throw new InvalidOperationException(problem);
        var rendered = MultusConfigRenderer.Render(settings.Multus, name, network);
        return new Named(settings.Output.FileNameFor(rendered.IsList), rendered.Content);
    }

    /// <summary>Canonical text: object keys sorted (ordinal) at every level, arrays in order, compact.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    [Theory]
    [MemberData(nameof(MultusGoldens))]
    public void Render_CorpusPrimary_MeansWhatMultusWrites(string primary, string multusOutput, string mode, string[] sets)
    {
        var settings = CorpusSettings(mode, sets);
        var expected = ExpectedDifferences(JsonNode.Parse(File.ReadAllBytes(TestPaths.CorpusFile(multusOutput)))!.AsObject(), settings.Multus.Mode, OnDiskName(primary));

        var rendered = RenderCorpus(primary, settings);

        Assert.Equal(OnDiskName(multusOutput), rendered.FileName);
        Assert.Equal(Canonical(expected), Canonical(JsonNode.Parse(rendered.Content)));
    }

    [Fact]
    public void ExpectedDifferences_ThinFalseCapability_Dropped()
    {
        // Guards the rule itself: a Multus thin output with a false capability and cniConf compares equal to the
        // agent's output for the same primary.
        const string Primary = """{"cniVersion":"0.4.0","name":"n","plugins":[{"type":"a","capabilities":{"mac":false,"ips":true}}]}""";
        const string MultusThin = """
            {"cniVersion":"0.4.0","name":"multus-cni-network","type":"multus","capabilities":{"ips":true,"mac":false},
             "cniConf":"/host/etc/cni/multus/net.d","kubeconfig":"/etc/cni/net.d/multus.d/multus.kubeconfig",
             "delegates":[{"cniVersion":"0.4.0","name":"n","plugins":[{"capabilities":{"ips":true,"mac":false},"type":"a"}]}]}
            """;
        var settings = new SettingsBuilder().Thin().Build();

        var rendered = MultusConfigRenderer.Render(settings.Multus, "10-n.conflist", CniConfigParser.Parse("10-n.conflist", CniJson.Bytes(Primary), out _)!);

        Assert.Equal(Canonical(ExpectedDifferences(JsonNode.Parse(MultusThin)!.AsObject(), MultusMode.Thin, "10-n.conflist")), Canonical(JsonNode.Parse(rendered.Content)));
        Assert.NotEqual(Canonical(JsonNode.Parse(MultusThin)), Canonical(JsonNode.Parse(rendered.Content)));
    }

    public static TheoryData<string> CorpusPrimaries =>
    [
        "aws-vpc-cni__10-aws.conflist", "calico__10-calico.conflist", "cilium__05-cilium.conflist", "flannel__10-flannel.conflist",
        "antrea__10-antrea.conflist", "kindnet__10-kindnet.conflist", "weave__10-weave.conflist", "ovn-kubernetes__10-ovn-kubernetes.conf",
        "containernetworking-SPEC-example__dbnet.conflist", "istio-testdata-chained-golden__list.conflist",
        "istio-testdata-chained-golden__bridge.conflist", "istio-testdata-owned-golden__02-istio-cni.conflist",
        "istio-SYNTHESIZED-owned-from-aws__02-istio-cni.conflist", "kuma-testdata-chained-golden__10-calico.conflist",
    ];

    [Theory]
    [MemberData(nameof(CorpusPrimaries))]
    public void Render_CorpusPrimaryThin_ReparsesAsMultusDelegatingToIt(string primary)
    {
        var source = CniConfigParser.Parse(OnDiskName(primary), File.ReadAllBytes(TestPaths.CorpusFile(primary)), out _)!;

        var rendered = RenderCorpus(primary, new SettingsBuilder().Thin().Build());
        var multus = CniConfigParser.Parse(rendered.FileName, rendered.Content, out var problem);

        Assert.Null(problem);
        Assert.Equal("multus", multus!.MainType);
        Assert.Equal(source.CniVersion, multus.CniVersion);
        Assert.Equal(source.Capabilities, multus.Capabilities);
        var plugin = multus.IsList ? multus.Json!["plugins"]![0]!.AsObject() : multus.Json!;
        Assert.True(JsonNode.DeepEquals(source.Json, plugin["delegates"]![0]), "the delegate is the primary, every field preserved");
        Assert.Equal(CniVersion.AtLeast(source.CniVersion, 1, 0), rendered.FileName.EndsWith(".conflist", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CorpusPrimaries))]
    public void Render_CorpusPrimaryThick_ReparsesAsShimPointingAtIt(string primary)
    {
        var source = CniConfigParser.Parse(OnDiskName(primary), File.ReadAllBytes(TestPaths.CorpusFile(primary)), out _)!;

        var rendered = RenderCorpus(primary, SettingsBuilder.Default());
        var shim = CniConfigParser.Parse(rendered.FileName, rendered.Content, out var problem);

        Assert.Null(problem);
        Assert.Equal("multus-shim", shim!.MainType);
        Assert.Equal("00-multus.conf", rendered.FileName);
        Assert.Equal(source.Capabilities, shim.Capabilities);
        Assert.Equal("/host/etc/cni/net.d/" + OnDiskName(primary), shim.Json!["clusterNetwork"]!.GetValue<string>());
    }
}
