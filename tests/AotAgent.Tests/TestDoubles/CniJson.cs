using System.Text;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Small valid CNI configs for tests that do not need a corpus file.</summary>
public static class CniJson
{
    /// <summary>A .conflist with one plugin per type; capabilities are set true on the first plugin.</summary>
    public static string List(string name, string cniVersion = "0.4.0", string[]? types = null, string[]? capabilities = null)
    {
        types ??= ["bridge"];
        var caps = capabilities is { Length: > 0 }
            ? ",\"capabilities\":{" + string.Join(',', capabilities.Select(c => $"\"{c}\":true")) + "}"
            : string.Empty;
        var plugins = types.Select((t, i) => $"{{\"type\":\"{t}\"{(i == 0 ? caps : string.Empty)}}}");
        return $"{{\"cniVersion\":\"{cniVersion}\",\"name\":\"{name}\",\"plugins\":[{string.Join(',', plugins)}]}}";
    }

    /// <summary>A single-plugin .conf.</summary>
    public static string Conf(string name, string type = "bridge", string cniVersion = "0.4.0") =>
        $"{{\"cniVersion\":\"{cniVersion}\",\"name\":\"{name}\",\"type\":\"{type}\"}}";

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
