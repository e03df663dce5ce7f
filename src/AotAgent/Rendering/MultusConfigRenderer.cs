using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AotAgent.Configuration;
using AotAgent.Resolution;

namespace AotAgent.Rendering;

/// <summary>
/// Renders the Multus config that delegates to the primary. Pure and deterministic: fixed key order, UTF-8 without
/// BOM, two-space indent, trailing newline. Shapes follow Multus's own generators (thin entrypoint, thick daemon).
/// </summary>
public static class MultusConfigRenderer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = CniConfigParser.MaxDepth + 8,
    };

    public static RenderedOutput Render(AgentSettings settings, string primaryFile, CniNetwork primary) =>
        settings.Mode == MultusMode.Thick ? RenderThick(settings, primaryFile, primary) : RenderThin(settings, primary);

    private static RenderedOutput RenderThick(AgentSettings s, string primaryFile, CniNetwork primary)
    {
        var conf = new JsonObject
        {
            ["cniVersion"] = s.CniVersion ?? "0.3.1",
            ["name"] = s.NetworkName,
            ["type"] = "multus-shim",
        };
        AddCapabilities(conf, primary);
        conf["clusterNetwork"] = s.ClusterNetworkDir.TrimEnd('/') + "/" + primaryFile;
        AddOptional(conf, s);
        return new RenderedOutput(s.ConfFileName, s.ConflistFileName, Serialize(conf));
    }

    private static RenderedOutput RenderThin(AgentSettings s, CniNetwork primary)
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
        multus["delegates"] = new JsonArray(primary.Json.DeepClone());
        if (!asList)
        {
            return new RenderedOutput(s.ConfFileName, s.ConflistFileName, Serialize(multus));
        }

        // CNI 1.0.0 dropped single-plugin configs: wrap Multus as the only plugin of a list (as Multus thin does).
        var list = new JsonObject
        {
            ["cniVersion"] = cniVersion,
            ["name"] = s.NetworkName,
            ["plugins"] = new JsonArray(multus),
        };
        return new RenderedOutput(s.ConflistFileName, s.ConfFileName, Serialize(list));
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

    private static void AddOptional(JsonObject conf, AgentSettings s)
    {
        foreach (var (key, value) in s.OptionalKeys)
        {
            conf[key] = value.DeepClone();
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
