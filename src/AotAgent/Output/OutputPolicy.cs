namespace AotAgent.Output;

/// <summary>Where and how the output is written, and how the agent behaves towards other writers.</summary>
internal sealed record OutputPolicy
{
    /// <summary>The output's name without extension (<c>Multus__ConfName</c>).</summary>
    public string ConfName { get; init; } = "00-multus";

    /// <summary>Permission bits of the output (<c>Output__FileMode</c>).</summary>
    public UnixFileMode FileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Restores per minute after another writer changed the output; past it the agent backs off.</summary>
    public int ConflictBudget { get; init; } = 5;

    /// <summary>Decide and report, never write.</summary>
    public bool DryRun { get; init; }

    /// <summary>Remove the output when the daemon stops.</summary>
    public bool CleanupOnExit { get; init; }

    public string ConfFileName => ConfName + ".conf";

    public string ConflistFileName => ConfName + ".conflist";

    /// <summary>Both names the output can have, <c>.conf</c> first.</summary>
    public IReadOnlyList<string> FileNames => [ConfFileName, ConflistFileName];

    /// <summary>A Multus config that is a list (CNI 1.0.0 and later) must be named <c>.conflist</c>.</summary>
    public string FileNameFor(bool isList) => isList ? ConflistFileName : ConfFileName;

    /// <summary>The output's other name, removed once the new one is in place.</summary>
    public string OtherName(string fileName) => fileName == ConfFileName ? ConflistFileName : ConfFileName;

    /// <summary>True for the agent's own output names: they never become the primary.</summary>
    public bool IsOwnOutput(string fileName) =>
        string.Equals(fileName, ConfFileName, StringComparison.Ordinal) ||
        string.Equals(fileName, ConflistFileName, StringComparison.Ordinal);
}
