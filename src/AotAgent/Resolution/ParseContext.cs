namespace AotAgent.Resolution;

/// <summary>
/// What validating one file needs besides its bytes: libcni's plugin directories (<c>&lt;CniDir&gt;/&lt;name&gt;/</c>),
/// and whether the file would become a Multus thin delegate, which Multus decodes with Go structs (stricter than libcni).
/// </summary>
internal sealed record ParseContext(Func<string, PluginDirectory> PluginDirectories, bool ThinDelegate)
{
    public static ParseContext Default { get; } = new(_ => PluginDirectory.None, ThinDelegate: false);
}
