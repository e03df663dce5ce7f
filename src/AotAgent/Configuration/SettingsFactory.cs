using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AotAgent.Resolution;

namespace AotAgent.Configuration;

/// <summary>Turns bound options into <see cref="AgentSettings"/>, collecting every bad value as a <see cref="ConfigError"/>.</summary>
public static partial class SettingsFactory
{
    /// <summary>Keys the agent writes itself: <c>Multus__ExtraJson</c> may not set them.</summary>
    public static readonly IReadOnlySet<string> OwnedMultusKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "cniVersion", "name", "type", "capabilities", "delegates", "clusterNetwork", "kubeconfig", "plugins",
        "namespaceIsolation", "globalNamespaces", "logToStderr", "logLevel", "logFile", "binDir", "confDir",
        "readinessindicatorfile", "daemonSocketDir",
    };

    private static readonly string[] MultusLogLevels = ["debug", "error", "panic", "verbose"];

    public static AgentSettings Create(AgentOptions o, out IReadOnlyList<ConfigError> errors)
    {
        var e = new List<ConfigError>();
        var generated = new AgentOptionsValidator().Validate(null, o);
        if (generated.Failed)
        {
            foreach (var failure in generated.Failures)
            {
                e.Add(FromGenerated(failure, o));
            }
        }

        AbsolutePath(e, "CniDir", o.CniDir, required: true);
        AbsolutePath(e, "ConfigDir", o.ConfigDir, required: true);
        var prefer = Selectors(e, "Primary__Prefer", o.Primary.Prefer);
        var exclude = Selectors(e, "Primary__Exclude", o.Primary.Exclude);
        AbsolutePath(e, "Primary__ReadyFile", o.Primary.ReadyFile, required: false);
        Duration(e, "Primary__InvalidGrace", o.Primary.InvalidGrace, TimeSpan.Zero, TimeSpan.FromMinutes(10));

        MultusMode mode = MultusMode.Thick;
        if (string.Equals(o.Multus.Mode, "thick", StringComparison.OrdinalIgnoreCase))
        {
            mode = MultusMode.Thick;
        }
        else if (string.Equals(o.Multus.Mode, "thin", StringComparison.OrdinalIgnoreCase))
        {
            mode = MultusMode.Thin;
        }
        else
        {
            e.Add(new("Multus__Mode", o.Multus.Mode, "expected thick or thin"));
        }

        if (!ConfNamePattern().IsMatch(o.Multus.ConfName ?? string.Empty))
        {
            e.Add(new("Multus__ConfName", o.Multus.ConfName, "expected a file name without extension: letters, digits, '.', '_', '-', not starting with '.' (e.g. 00-multus)"));
        }

        if (string.IsNullOrWhiteSpace(o.Multus.NetworkName))
        {
            e.Add(new("Multus__NetworkName", o.Multus.NetworkName, "expected a non-empty network name"));
        }

        if (o.Multus.CniVersion is not null && !Resolution.CniVersion.TryParse(o.Multus.CniVersion, out _))
        {
            e.Add(new("Multus__CniVersion", o.Multus.CniVersion, "expected a CNI spec version such as 0.3.1, 0.4.0, 1.0.0"));
        }

        AbsolutePath(e, "Multus__Kubeconfig", o.Multus.Kubeconfig, required: true);
        AbsolutePath(e, "Multus__ClusterNetworkDir", o.Multus.ClusterNetworkDir, required: true);
        AbsolutePath(e, "Multus__DaemonSocketDir", o.Multus.DaemonSocketDir, required: false);
        AbsolutePath(e, "Multus__LogFile", o.Multus.LogFile, required: false);
        AbsolutePath(e, "Multus__ReadinessIndicatorFile", o.Multus.ReadinessIndicatorFile, required: false);
        AbsolutePath(e, "Multus__BinDir", o.Multus.BinDir, required: false);
        AbsolutePath(e, "Multus__ConfDir", o.Multus.ConfDir, required: false);
        AbsolutePath(e, "Multus__DaemonConfig", o.Multus.DaemonConfig, required: false);
        if (o.Multus.LogLevel is not null && !MultusLogLevels.Contains(o.Multus.LogLevel, StringComparer.Ordinal))
        {
            e.Add(new("Multus__LogLevel", o.Multus.LogLevel, "expected one of " + string.Join(", ", MultusLogLevels)));
        }

        if (o.Multus.GlobalNamespaces is not null &&
            !Selector.Split(o.Multus.GlobalNamespaces).All(ns => NamespacePattern().IsMatch(ns)))
        {
            e.Add(new("Multus__GlobalNamespaces", o.Multus.GlobalNamespaces, "expected comma-separated Kubernetes namespace names"));
        }

        var extra = ExtraJson(e, o.Multus.ExtraJson);
        var fileMode = FileMode(e, o.Output.FileMode);
        if (o.Output.ConflictBudget is < 1 or > 1000)
        {
            e.Add(new("Output__ConflictBudget", o.Output.ConflictBudget.ToString(CultureInfo.InvariantCulture), "expected an integer from 1 to 1000 (restores per minute)"));
        }

        Duration(e, "Watch__Resync", o.Watch.Resync, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Duration(e, "Watch__PollInterval", o.Watch.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        if (!IPAddress.TryParse(o.Http.Address, out _))
        {
            e.Add(new("Http__Address", o.Http.Address, "expected an IP address such as 0.0.0.0, 127.0.0.1 or ::"));
        }

        errors = e;
        return new AgentSettings
        {
            CniDir = TrimDir(o.CniDir),
            ConfigDir = TrimDir(o.ConfigDir),
            Prefer = prefer,
            Exclude = exclude,
            ReadyFile = Blank(o.Primary.ReadyFile),
            InvalidGrace = o.Primary.InvalidGrace,
            Mode = mode,
            ConfName = o.Multus.ConfName ?? string.Empty,
            NetworkName = o.Multus.NetworkName,
            CniVersion = Blank(o.Multus.CniVersion) ?? (mode == MultusMode.Thick ? "0.3.1" : null),
            Kubeconfig = o.Multus.Kubeconfig,
            ClusterNetworkDir = TrimDir(o.Multus.ClusterNetworkDir),
            OptionalKeys = OptionalKeys(o.Multus, mode),
            ExtraJson = extra,
            DaemonConfig = Blank(o.Multus.DaemonConfig),
            FileMode = fileMode,
            ConflictBudget = o.Output.ConflictBudget,
            DryRun = o.DryRun,
            CleanupOnExit = o.CleanupOnExit,
            Resync = o.Watch.Resync,
            PollInterval = o.Watch.PollInterval,
            HttpAddress = o.Http.Address,
            HttpPort = o.Http.Port,
        };
    }

    /// <summary>The optional keys in the order Multus's own thin template writes them.</summary>
    private static List<KeyValuePair<string, JsonNode>> OptionalKeys(MultusOptions m, MultusMode mode)
    {
        var keys = new List<KeyValuePair<string, JsonNode>>();
        void Add(string key, JsonNode? value)
        {
            if (value is not null)
            {
                keys.Add(new(key, value));
            }
        }

        Add("namespaceIsolation", m.NamespaceIsolation is bool ni ? JsonValue.Create(ni) : null);
        Add("globalNamespaces", Blank(m.GlobalNamespaces) is { } g ? JsonValue.Create(string.Join(',', Selector.Split(g))) : null);
        Add("logToStderr", m.LogToStderr is bool l ? JsonValue.Create(l) : null);
        Add("logLevel", Str(m.LogLevel));
        Add("logFile", Str(m.LogFile));
        Add("binDir", Str(m.BinDir));
        Add("confDir", Str(m.ConfDir));
        Add("readinessindicatorfile", Str(m.ReadinessIndicatorFile));
        if (mode == MultusMode.Thick)
        {
            Add("daemonSocketDir", Str(m.DaemonSocketDir));
        }

        return keys;
    }

    private static JsonValue? Str(string? value) => Blank(value) is { } v ? JsonValue.Create(v) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string TrimDir(string dir) => dir.Length > 1 ? dir.TrimEnd('/') : dir;

    private static ConfigError FromGenerated(string failure, AgentOptions o)
    {
        // The generated validator reports "Http.Port: The field ... must be between 0 and 65535."
        var colon = failure.IndexOf(':', StringComparison.Ordinal);
        var member = colon > 0 ? failure[..colon].Trim() : "configuration";
        var key = member.Replace(".", "__", StringComparison.Ordinal);

        // Members of nested option objects are reported by their own name ("Port"), not the operator's key.
        key = key == "Port" ? "Http__Port" : key;
        string? value = key switch
        {
            "Http__Port" => o.Http.Port.ToString(CultureInfo.InvariantCulture),
            "CniDir" => o.CniDir,
            "ConfigDir" => o.ConfigDir,
            _ => null,
        };
        var allowed = "expected a valid value: " + (colon > 0 ? failure[(colon + 1)..].Trim() : failure);
        return new ConfigError(key, value, allowed);
    }

    private static List<Selector> Selectors(List<ConfigError> e, string key, string? list)
    {
        var result = new List<Selector>();
        foreach (var item in Selector.Split(list))
        {
            var selector = Selector.TryParse(item, out var error);
            if (selector is null)
            {
                e.Add(new(key, list, $"{error}; expected selectors of the kinds {Selector.AllowedKinds} (a bare word means file:)"));
                continue;
            }

            result.Add(selector);
        }

        return result;
    }

    private static void AbsolutePath(List<ConfigError> e, string key, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                e.Add(new(key, value, "expected an absolute path (it is required)"));
            }

            return;
        }

        if (!value.StartsWith('/') || value.Contains('\0', StringComparison.Ordinal))
        {
            e.Add(new(key, value, "expected an absolute path (starting with /)"));
        }
    }

    private static void Duration(List<ConfigError> e, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            e.Add(new(key, value.ToString("c", CultureInfo.InvariantCulture), $"expected a TimeSpan from {min:c} to {max:c} (format hh:mm:ss)"));
        }
    }

    private static JsonObject? ExtraJson(List<ConfigError> e, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            e.Add(new("Multus__ExtraJson", text, "expected a JSON object (" + ex.Message.ReplaceLineEndings(" ") + ")"));
            return null;
        }

        if (node is not JsonObject obj)
        {
            e.Add(new("Multus__ExtraJson", text, "expected a JSON object such as {\"multusNamespace\":\"kube-system\"}"));
            return null;
        }

        var owned = obj.Select(p => p.Key).Where(OwnedMultusKeys.Contains).ToList();
        if (owned.Count > 0)
        {
            e.Add(new("Multus__ExtraJson", text, $"keys owned by the agent are refused ({string.Join(", ", owned)}); use their Multus__ settings"));
            return null;
        }

        return obj;
    }

    private static UnixFileMode FileMode(List<ConfigError> e, string? text)
    {
        const string Allowed = "expected octal permission bits such as 0600 or 0644, owner read and write required, no world write";
        if (text is null || !OctalPattern().IsMatch(text))
        {
            e.Add(new("Output__FileMode", text, Allowed));
            return UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var bits = Convert.ToInt32(text, 8);
        var mode = (UnixFileMode)bits;
        if (!mode.HasFlag(UnixFileMode.UserRead) || !mode.HasFlag(UnixFileMode.UserWrite) || mode.HasFlag(UnixFileMode.OtherWrite))
        {
            e.Add(new("Output__FileMode", text, Allowed));
        }

        return mode;
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ConfNamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex OctalPattern();
}
