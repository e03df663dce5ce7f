using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AotAgent.Resolution;

namespace AotAgent.Rendering;

/// <summary>
/// Renders the Multus config that delegates to the primary. Pure and deterministic: fixed key order, UTF-8 without
/// BOM, two-space indent, trailing newline. Shapes follow Multus's own generators (thin entrypoint, thick daemon).
/// </summary>
internal static class MultusConfigRenderer
{
    /// <summary>Keys the renderer writes itself: <c>Multus__ExtraJson</c> may not set them.</summary>
    public static readonly IReadOnlySet<string> OwnedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "cniVersion", "name", "type", "capabilities", "delegates", "clusterNetwork", "kubeconfig", "plugins",
        "namespaceIsolation", "globalNamespaces", "logToStderr", "logLevel", "logFile", "binDir", "confDir",
        "readinessindicatorfile", "daemonSocketDir", MultusConfigReader.PrimaryFileKey,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = CniConfigParser.MaxDepth + 8,
    };

    public static RenderedOutput Render(MultusTemplate template, string primaryFile, CniNetwork primary) =>
        template.Mode == MultusMode.Thick ? RenderThick(template, primaryFile, primary) : RenderThin(template, primaryFile, primary);

    private static RenderedOutput RenderThick(MultusTemplate s, string primaryFile, CniNetwork primary)
    {
        var conf = new JsonObject
        {
            ["cniVersion"] = s.EffectiveCniVersion,
            ["name"] = s.NetworkName,
            ["type"] = "multus-shim",
        };
        AddCapabilities(conf, primary);
        conf["clusterNetwork"] = s.ClusterNetworkDir.TrimEnd('/') + "/" + primaryFile;
        AddOptional(conf, s);
        return new RenderedOutput(Serialize(conf), IsList: false);
    }

    private static RenderedOutput RenderThin(MultusTemplate s, string primaryFile, CniNetwork primary)
    {
        var cniVersion = s.CniVersion ?? primary.CniVersion;
        var multus = new JsonObject();
        var asList = CniVersion.AtLeast(cniVersion, 1, 0);
        if (!asList)
        {
            multus["cniVersion"] = cniVersion;
            multus["name"] = s.NetworkName;
        }

        multus["type"] = "multus";
        AddCapabilities(multus, primary);
        AddOptional(multus, s);
        multus["kubeconfig"] = s.Kubeconfig;

        // Which file the embedded copy came from, so a restart knows the primary in force even while that file is
        // being rewritten (Multus and libcni ignore keys they do not know).
        multus[MultusConfigReader.PrimaryFileKey] = primaryFile;
        // The pass keeps the primary's JSON tree (other files are remembered without theirs).
        multus["delegates"] = new JsonArray((primary.Json ?? throw new InvalidOperationException("the primary's JSON was not kept")).DeepClone());
        if (!asList)
        {
            return new RenderedOutput(Serialize(multus), IsList: false);
        }

        // CNI 1.0.0 dropped single-plugin configs: wrap Multus as the only plugin of a list (as Multus thin does).
        var list = new JsonObject
        {
            ["cniVersion"] = cniVersion,
            ["name"] = s.NetworkName,
            ["plugins"] = new JsonArray(multus),
        };
        return new RenderedOutput(Serialize(list), IsList: true);
    }

    private static void AddCapabilities(JsonObject conf, CniNetwork primary)
    {
        if (primary.Capabilities.Count == 0)
        {
            return;
        }

        var caps = new JsonObject();
        foreach (var capability in primary.Capabilities)
        {
            caps[capability] = true;
        }

        conf["capabilities"] = caps;
    }

    /// <summary>The optional keys, in the order Multus's own thin template writes them.</summary>
    private static void AddOptional(JsonObject conf, MultusTemplate s)
    {
        void Add(string key, JsonNode? value)
        {
            if (value is not null)
            {
                conf[key] = value;
            }
        }

        static JsonNode? Bool(bool? value) => value is bool b ? JsonValue.Create(b) : null;
        static JsonNode? Text(string? value) => value is null ? null : JsonValue.Create(value);

        Add("namespaceIsolation", Bool(s.NamespaceIsolation));
        Add("globalNamespaces", Text(s.GlobalNamespaces));
        Add("logToStderr", Bool(s.LogToStderr));
        Add("logLevel", Text(s.LogLevel));
        Add("logFile", Text(s.LogFile));
        Add("binDir", Text(s.BinDir));
        Add("confDir", Text(s.ConfDir));
        Add("readinessindicatorfile", Text(s.ReadinessIndicatorFile));
        if (s.Mode == MultusMode.Thick)
        {
            Add("daemonSocketDir", Text(s.DaemonSocketDir));
        }

        if (s.ExtraJson is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                conf[key] = value?.DeepClone();
            }
        }
    }

    private static byte[] Serialize(JsonObject conf)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            conf.WriteTo(writer);
        }

        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
