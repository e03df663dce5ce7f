using System.Diagnostics;
using System.Globalization;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Writes a ConfigMap volume exactly as the kubelet's AtomicWriter does (pkg/volume/util/atomic_writer.go):
/// payload in a fresh timestamped directory <c>..2026_11_23_15_00_00.000000001</c>, a symlink <c>..data_tmp</c> to it,
/// rename(2) of <c>..data_tmp</c> over <c>..data</c>, key symlinks <c>KEY -> ..data/KEY</c>, then the old directory removed.
/// </summary>
public sealed class KubeletConfigMapWriter(string directory)
{
    private static int _sequence;
    private string? _current;

    public string Directory => directory;

    /// <summary>How the last ..data swap was done: "File.Move" (rename(2) through .NET) or "mv -T".</summary>
    public string? SwapMethod { get; private set; }

    public int Swaps { get; private set; }

    public void Write(IReadOnlyDictionary<string, string> data)
    {
        System.IO.Directory.CreateDirectory(directory);
        var seq = Interlocked.Increment(ref _sequence);
        var stamp = "..2026_11_23_15_00_00." + seq.ToString("D9", CultureInfo.InvariantCulture);
        var payload = Path.Combine(directory, stamp);
        System.IO.Directory.CreateDirectory(payload);
        foreach (var (key, value) in data)
        {
            File.WriteAllText(Path.Combine(payload, key), value);
        }

        var dataLink = Path.Combine(directory, "..data");
        var tmpLink = Path.Combine(directory, "..data_tmp");
        if (File.Exists(tmpLink) || new FileInfo(tmpLink).LinkTarget is not null)
        {
            File.Delete(tmpLink);
        }

        File.CreateSymbolicLink(tmpLink, stamp);
        Swap(tmpLink, dataLink, stamp);

        // Key symlinks: created for new keys, removed for keys no longer in the payload.
        foreach (var key in data.Keys)
        {
            var link = Path.Combine(directory, key);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", key));
            }
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (!entry.Name.StartsWith('.') && entry.LinkTarget is not null && !data.ContainsKey(entry.Name))
            {
                entry.Delete();
            }
        }

        if (_current is not null)
        {
            System.IO.Directory.Delete(Path.Combine(directory, _current), recursive: true);
        }

        _current = stamp;
        Swaps++;
    }

    private void Swap(string tmpLink, string dataLink, string stamp)
    {
        try
        {
            File.Move(tmpLink, dataLink, overwrite: true);
            if (new FileInfo(dataLink).LinkTarget == stamp && !Path.Exists(tmpLink))
            {
                SwapMethod = "File.Move";
                return;
            }
        }
        catch (IOException)
        {
            // .NET refused to rename a symlink over a symlink to a directory; fall back to rename(2) via mv -T.
        }

        using var mv = Process.Start(new ProcessStartInfo("mv", ["-T", tmpLink, dataLink]) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = mv.StandardError.ReadToEnd();
        mv.WaitForExit();
        Assert.True(mv.ExitCode == 0, $"mv -T {tmpLink} {dataLink} failed: {error}");
        Assert.Equal(stamp, new FileInfo(dataLink).LinkTarget);
        SwapMethod = "mv -T";
    }
}
