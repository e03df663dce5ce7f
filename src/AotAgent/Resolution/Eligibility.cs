namespace AotAgent.Resolution;

/// <summary>
/// What makes a file ineligible besides the operator's rules: the agent's own output names, and the cniVersion Multus
/// checks delegates against (thick mode refuses a delegate older than 0.4.0 when its own version is 0.4.0 or newer), and
/// whether the primary becomes a thin delegate, which Multus decodes more strictly than libcni.
/// </summary>
internal sealed record Eligibility(IReadOnlyList<string> OwnOutputNames, string? MultusCniVersion, bool ThinDelegate = false)
{
    public bool IsOwnOutput(string name) => OwnOutputNames.Contains(name, StringComparer.Ordinal);
}
