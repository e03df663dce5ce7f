using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A scratch tree per test: <c>cni/</c> (CniDir), <c>config/</c> (ConfigDir, empty unless a test fills it) and room for
/// siblings. Describes itself for assertion messages: the listing and the output's bytes.
/// </summary>
public sealed class CniDirectory : IDisposable
{
    public const string Conf = "00-multus.conf";
    public const string Conflist = "00-multus.conflist";

    public CniDirectory(bool createCniDir = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "aot-e2e", Guid.NewGuid().ToString("n")[..12]);
        Cni = Path.Combine(Root, "cni");
        Config = Path.Combine(Root, "config");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Config);
        if (createCniDir)
        {
            Directory.CreateDirectory(Cni);
        }
    }

    public string Root { get; }

    public string Cni { get; }

    public string Config { get; }

    public string OutputPath => Path.Combine(Cni, Conf);

    public string PathOf(string name) => Path.Combine(Cni, name);

    /// <summary>Installs a TestData config under its on-disk name (or <paramref name="asName"/>).</summary>
    public string Install(string testData, string? asName = null)
    {
        var path = PathOf(asName ?? TestData.DiskName(testData));
        File.WriteAllBytes(path, TestData.Bytes(testData));
        return path;
    }

    /// <summary>Writes a file the way a careful installer does: temp file in the same dir, then rename.</summary>
    public void WriteAtomic(string name, byte[] content)
    {
        var temp = PathOf("." + name + ".e2e-" + Guid.NewGuid().ToString("n")[..6]);
        File.WriteAllBytes(temp, content);
        File.Move(temp, PathOf(name), overwrite: true);
    }

    public byte[]? ReadOutput(string name = Conf)
    {
        try
        {
            return File.ReadAllBytes(PathOf(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public JsonObject? OutputJson(string name = Conf) => TryParse(ReadOutput(name));

    public static JsonObject? TryParse(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Thick output: the file clusterNetwork points at; thin output: the first delegate's name.</summary>
    public string? OutputPrimary(string name = Conf)
    {
        var json = OutputJson(name);
        if (json is null)
        {
            return null;
        }

        if (json["clusterNetwork"]?.GetValue<string>() is { } cluster)
        {
            return Path.GetFileName(cluster);
        }

        var multus = json["plugins"] is JsonArray plugins ? plugins[0] as JsonObject : json;
        return multus?["delegates"] is JsonArray { Count: > 0 } delegates ? delegates[0]?["name"]?.GetValue<string>() : null;
    }

    public IReadOnlyList<string> TempFiles() =>
        Directory.Exists(Cni)
            ? Directory.EnumerateFileSystemEntries(Cni).Select(Path.GetFileName).Where(n => n!.StartsWith(".aot-agent.", StringComparison.Ordinal) && n.EndsWith(".tmp", StringComparison.Ordinal)).Select(n => n!).ToList()
            : [];

    /// <summary>The directory listing and the output's bytes, for assertion messages.</summary>
    public string Describe(string? dir = null)
    {
        dir ??= Cni;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"listing of {dir}: ");
        if (!Directory.Exists(dir))
        {
            sb.Append("(directory missing)");
        }
        else
        {
            var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"{entries.Count} entries [");
            sb.AppendJoin(", ", entries.Take(40).Select(Entry));
            if (entries.Count > 40)
            {
                sb.Append(", ...");
            }

            sb.Append(']');
        }

        foreach (var name in new[] { Conf, Conflist })
        {
            var path = Path.Combine(dir, name);
            byte[]? bytes;
            try
            {
                bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
            }
            catch (IOException ex)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; {name}: unreadable ({ex.Message})");
                continue;
            }

            if (bytes is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; {name} ({bytes.Length} bytes): {Show(bytes)}");
            }
        }

        return sb.ToString();
    }

    public static string Show(byte[]? bytes)
    {
        if (bytes is null)
        {
            return "(absent)";
        }

        var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 1200)));
        return "'" + text.ReplaceLineEndings(" ") + (bytes.Length > 1200 ? "...'" : "'");
    }

    private static string Entry(FileSystemInfo e)
    {
        if (e.LinkTarget is { } target)
        {
            return $"{e.Name} -> {target}";
        }

        if (e is DirectoryInfo)
        {
            return e.Name + "/";
        }

        return $"{e.Name} ({SafeLength((FileInfo)e)} B)";
    }

    private static string SafeLength(FileInfo info)
    {
        try
        {
            return info.Length.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public void Dispose()
    {
        try
        {
            MakeWritable(Root);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test-made mount point or a vanished entry; the tree lives under /tmp anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void MakeWritable(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var d in Directory.EnumerateDirectories(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Prepend(dir))
        {
            try
            {
                File.SetUnixFileMode(d, (UnixFileMode)Convert.ToInt32("755", 8));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
