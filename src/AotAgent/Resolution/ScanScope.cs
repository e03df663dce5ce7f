namespace AotAgent.Resolution;

/// <summary>
/// How much of CniDir a pass must look at again. <see cref="Changed"/>: only the entries notifications named (the
/// rest is as the last pass left it); <see cref="Full"/>: every entry's identity, re-reading those that changed;
/// <see cref="Fresh"/>: everything re-read (the resync, so nothing stays wrong longer than <c>Watch__Resync</c>).
/// </summary>
internal sealed record ScanScope(bool Everything, IReadOnlySet<string>? Names)
{
    public static ScanScope Full { get; } = new(false, null);

    public static ScanScope Fresh { get; } = new(true, null);

    public static ScanScope Changed(IReadOnlySet<string> names) => new(false, names);
}
