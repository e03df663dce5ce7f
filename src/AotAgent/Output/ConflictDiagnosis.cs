using System.Text;

namespace AotAgent.Output;

/// <summary>
/// What another writer did to the agent's output, and the cause the evidence points to, or that none was found (what
/// was looked for, and what to do next). Never "another writer rewrote it": that is the observation, not a cause.
/// </summary>
internal static class ConflictDiagnosis
{
    public static string Describe(byte[]? current, bool exists) =>
        !exists ? "removed" : current is null || current.Length == 0 ? "emptied" : "rewritten";

    public static string LikelyCause(byte[]? current, bool exists, bool ciliumBackupExists)
    {
        if (!exists)
        {
            return ciliumBackupExists
                ? "a .cilium_bak copy of it lies beside it: Cilium with cni.exclusive=true renamed it; set cni.exclusive=false in Cilium"
                : "none found (no .cilium_bak beside it); a Multus daemon in auto mode deletes it when it exits, and so do uninstall scripts";
        }

        var text = current is null ? string.Empty : Encoding.UTF8.GetString(current);
        if (text.Contains("istio-cni", StringComparison.Ordinal) || text.Contains("kuma-cni", StringComparison.Ordinal) ||
            text.Contains("linkerd-cni", StringComparison.Ordinal))
        {
            return "the new content carries istio-cni, kuma-cni or linkerd-cni: a chained CNI installer inserted its plugin; chain it into the primary instead";
        }

        if (text.Contains("\"multus-shim\"", StringComparison.Ordinal) || text.Contains("\"multus\"", StringComparison.Ordinal))
        {
            return "the new content is a Multus config: a second Multus config generator (Multus with multusConfigFile \"auto\", or the thin entrypoint) wrote it";
        }

        return "none found: the new content is not a Multus config and carries no chained plugin, and no .cilium_bak is beside it; look for the process writing the CNI directory (e.g. auditctl -w on it)";
    }
}
