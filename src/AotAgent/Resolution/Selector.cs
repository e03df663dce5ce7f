using System.IO.Enumeration;

namespace AotAgent.Resolution;

/// <summary>One operator rule, e.g. <c>file:10-aws.conflist</c> or <c>type:calico</c>. Patterns are case-sensitive globs (<c>*</c>, <c>?</c>).</summary>
internal sealed record Selector(SelectorKind Kind, string Pattern)
{
    private static readonly string[] KindNames = ["file", "name", "type", "plugin"];

    public static string AllowedKinds => string.Join(", ", KindNames.Select(k => k + ":"));

    public bool Matches(string fileName, CniNetwork? network) => Kind switch
    {
        SelectorKind.File => Glob(fileName),
        SelectorKind.Name => network is not null && Glob(network.Name),
        SelectorKind.Type => network is not null && Glob(network.MainType),
        SelectorKind.Plugin => network is not null && network.PluginTypes.Any(Glob),
        _ => false,
    };

    private bool Glob(string value) => _literal ? string.Equals(Pattern, value, StringComparison.Ordinal) : FileSystemName.MatchesSimpleExpression(Pattern, value, ignoreCase: false);

    /// <summary>Most selectors name one file or type: those need no glob matching.</summary>
    private readonly bool _literal = !Pattern.Contains('*', StringComparison.Ordinal) && !Pattern.Contains('?', StringComparison.Ordinal);

    /// <summary>Parses one selector; a bare word means <c>file:</c>. Returns null and an error for an unknown kind or a bracket.</summary>
    public static Selector? TryParse(string text, out string? error)
    {
        error = null;
        if (text.AsSpan().IndexOfAny('[', ']') >= 0)
        {
            // FileSystemName's simple expressions would match the brackets literally; a reader expects a character class.
            error = $"selector '{text}' contains '[' or ']', which are not glob syntax here (patterns know only * and ?)";
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return new Selector(SelectorKind.File, text);
        }

        var kind = text[..colon];
        var pattern = text[(colon + 1)..].Trim();
        if (pattern.Length == 0)
        {
            error = $"selector '{text}' has an empty pattern";
            return null;
        }

        switch (kind)
        {
            case "file": return new Selector(SelectorKind.File, pattern);
            case "name": return new Selector(SelectorKind.Name, pattern);
            case "type": return new Selector(SelectorKind.Type, pattern);
            case "plugin": return new Selector(SelectorKind.Plugin, pattern);
            default:
                error = $"selector '{text}' has unknown kind '{kind}'";
                return null;
        }
    }

    /// <summary>Splits a comma- or newline-separated list; blank entries are skipped.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : list.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"{KindNames[(int)Kind]}:{Pattern}";
}
