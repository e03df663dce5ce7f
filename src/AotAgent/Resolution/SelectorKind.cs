namespace AotAgent.Resolution;

/// <summary>What a selector matches on.</summary>
internal enum SelectorKind
{
    /// <summary>The file name (glob).</summary>
    File,

    /// <summary>The network <c>name</c>.</summary>
    Name,

    /// <summary>The main plugin type: the first plugin of a list, or a single conf's type.</summary>
    Type,

    /// <summary>Any plugin type in the chain.</summary>
    Plugin,
}
