using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>Which file the container runtime would load first, to tell whether the agent's output is shadowed.</summary>
internal static class RuntimeLoadOrder
{
    /// <summary>
    /// containerd's rule: the byte-order-first non-directory <c>.conf</c>/<c>.conflist</c>/<c>.json</c>, hidden or not.
    /// <paramref name="added"/> and <paramref name="removed"/> account for what this pass wrote and deleted.
    /// </summary>
    public static string? First(ScanResult scan, string? added, string? removed)
    {
        var first = scan.Files
            .Where(f => !f.IsDirectory && ScannedFile.HasCniExtension(f.Name) && f.Name != removed)
            .Select(f => f.Name)
            .FirstOrDefault();
        if (added is not null && (first is null || string.CompareOrdinal(added, first) < 0))
        {
            return added;
        }

        return first;
    }
}
