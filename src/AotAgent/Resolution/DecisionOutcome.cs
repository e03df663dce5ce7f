namespace AotAgent.Resolution;

internal enum DecisionOutcome
{
    /// <summary>A primary was chosen; the output should delegate to it.</summary>
    Selected,

    /// <summary>The current primary is briefly invalid (mid-write): keep the output as it is.</summary>
    Held,

    /// <summary>No valid file satisfies the rules: keep the output as it is.</summary>
    NoPrimary,

    /// <summary><c>Primary__ReadyFile</c> does not exist yet: write nothing.</summary>
    WaitingForReadyFile,

    /// <summary><c>CniDir</c> does not exist (yet).</summary>
    DirectoryMissing,

    /// <summary><c>CniDir</c> holds more entries than the scanner looks at: no choice from a partial listing.</summary>
    DirectoryTooLarge,
}
