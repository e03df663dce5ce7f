namespace AotAgent.Resolution;

/// <summary>
/// What validating one file needs besides its bytes: libcni's plugin directories (<c>&lt;CniDir&gt;/&lt;name&gt;/</c>),
/// whether the file would become a Multus thin delegate, which Multus decodes with Go structs (stricter than libcni), and
/// whether its JSON tree is wanted (only the primary's is rendered; building every file's tree is most of a parse's cost).
/// </summary>
internal sealed record ParseContext(Func<string, PluginDirectory> PluginDirectories, bool ThinDelegate, bool Tree = true)
{
    public static ParseContext Default { get; } = new(_ => PluginDirectory.None, ThinDelegate: false);
}
