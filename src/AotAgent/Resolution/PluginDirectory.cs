namespace AotAgent.Resolution;

/// <summary>
/// libcni v1.3.0 appends the plugins of <c>&lt;CniDir&gt;/&lt;network name&gt;/*.conf</c> to a conflist's chain. What the
/// scanner found there: nothing, a problem that makes libcni refuse the list, or the files (bytes or a reason each).
/// </summary>
internal sealed record PluginDirectory(string? Problem, IReadOnlyList<ScannedFile> Files)
{
    public static PluginDirectory None { get; } = new(null, []);
}
