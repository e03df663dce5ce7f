using System.Text;

namespace AotAgent.Output;

/// <summary>Names the likely culprit when another writer touched the agent's output (peers.md §4, multus.md §5).</summary>
internal static class ConflictDiagnosis
{
    public static string Describe(byte[]? current, bool exists) =>
        !exists ? "removed" : current is null || current.Length == 0 ? "emptied" : "rewritten";

    public static string LikelyCause(byte[]? current, bool exists, bool ciliumBackupExists)
    {
        if (!exists)
        {
            return ciliumBackupExists
                ? "Cilium with cni.exclusive=true renamed it to .cilium_bak; set cni.exclusive=false in Cilium"
                : "another process deleted it (a Multus daemon exiting in auto mode, or an uninstall script)";
        }

        var text = current is null ? string.Empty : Encoding.UTF8.GetString(current);
        if (text.Contains("istio-cni", StringComparison.Ordinal) || text.Contains("kuma-cni", StringComparison.Ordinal) ||
            text.Contains("linkerd-cni", StringComparison.Ordinal))
        {
            return "a chained CNI installer (istio-cni, Kuma, Linkerd) inserted its plugin into the file; chain into the primary instead";
        }

        if (text.Contains("\"multus-shim\"", StringComparison.Ordinal) || text.Contains("\"multus\"", StringComparison.Ordinal))
        {
            return "a second Multus config generator (Multus with multusConfigFile \"auto\", or the thin entrypoint) rewrote it";
        }

        return "another writer in the CNI directory rewrote it";
    }
}
