namespace AotAgent.Resolution;

/// <summary>
/// Orders names by their UTF-8 bytes, as Go's <c>sort.Strings</c> does in containerd, CRI-O and libcni. UTF-8 byte order
/// is code-point order; .NET's ordinal comparison is UTF-16 code-unit order, which differs only when a surrogate
/// (a character above U+FFFF, e.g. an emoji) meets a character in U+E000–U+FFFF (e.g. a full-width letter). This
/// applies the standard fix-up at the first differing unit instead of encoding every name.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var i = x.AsSpan().CommonPrefixLength(y);
        if (i < x.Length && i < y.Length)
        {
            return CodePointRank(x[i]).CompareTo(CodePointRank(y[i]));
        }

        return x.Length.CompareTo(y.Length);
    }

    /// <summary>The positions of <paramref name="names"/> in byte order (the names themselves stay where they are).</summary>
    public static int[] SortedIndexes(string[] names)
    {
        var order = Enumerable.Range(0, names.Length).ToArray();
        Array.Sort(order, (a, b) => Instance.Compare(names[a], names[b]));
        return order;
    }

    /// <summary>Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF, which is where their code points are.</summary>
    private static int CodePointRank(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;
}
