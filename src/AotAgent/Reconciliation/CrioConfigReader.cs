using System.IO.Abstractions;
using AotAgent.Platform;
using AotAgent.Resolution;
using Tomlyn;
using Tomlyn.Model;

namespace AotAgent.Reconciliation;

/// <summary>
/// Reads CRI-O's network pin, <c>[crio.network] cni_default_network</c>, as CRI-O does (cri-o internal/criocli,
/// pkg/config): <c>crio.conf</c>, then every regular file under <c>crio.conf.d/</c> (recursively, byte order, any
/// extension), later files overriding earlier ones; keys matched exactly, else case-insensitively. CRI-O reads it only at
/// start, so a change here takes effect on the node only after CRI-O restarts. Cached while no file changes.
/// </summary>
internal sealed class CrioConfigReader(IFileSystem fileSystem, IFileProbe probe)
{
    private (string Fingerprint, CrioPin Pin)? _cache;

    public CrioPin Read(string directory)
    {
        try
        {
            var files = Files(directory);
            var fingerprint = string.Join('\n', files.Select(f => $"{f}|{probe.Stat(f, followLinks: true)}"));
            if (_cache is { } cached && cached.Fingerprint == fingerprint)
            {
                return cached.Pin;
            }

            var pin = Parse(files);
            _cache = (fingerprint, pin);
            return pin;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CrioPin(null, $"cannot read {directory}: {ex.Message}");
        }
    }

    private List<string> Files(string directory)
    {
        var files = new List<string>();
        var main = fileSystem.Path.Combine(directory, "crio.conf");
        if (fileSystem.File.Exists(main))
        {
            files.Add(main);
        }

        var dropIns = fileSystem.Path.Combine(directory, "crio.conf.d");
        if (fileSystem.Directory.Exists(dropIns))
        {
            // filepath.Walk order: byte order, a subdirectory's files at the subdirectory's position.
            files.AddRange(fileSystem.Directory.EnumerateFiles(dropIns, "*", SearchOption.AllDirectories).Order(Utf8Order.Instance).Take(256));
        }

        return files;
    }

    private CrioPin Parse(List<string> files)
    {
        string? pin = null;
        foreach (var file in files)
        {
            var read = probe.ReadRegular(file, 1024 * 1024);
            if (read.Content is not { } content)
            {
                return new CrioPin(null, $"{file}: {read.Problem}");
            }

            TomlTable table;
            try
            {
                table = TomlSerializer.Deserialize(System.Text.Encoding.UTF8.GetString(content), CrioTomlContext.Default.TomlTable) ?? [];
            }
            catch (TomlException ex)
            {
                // CRI-O itself refuses to start on such a file.
                return new CrioPin(null, $"{file} is not valid TOML: {ex.Message.ReplaceLineEndings(" ")}");
            }

            if (Lookup(table, "crio") is TomlTable crio && Lookup(crio, "network") is TomlTable network && Lookup(network, "cni_default_network") is string value)
            {
                pin = value;
            }
        }

        return new CrioPin(pin, null);
    }

    /// <summary>BurntSushi/toml's rule: an exact key first, else a case-insensitive match.</summary>
    private static object? Lookup(TomlTable table, string key) =>
        table.TryGetValue(key, out var exact) ? exact
        : table.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
