namespace AotAgent.Configuration;

public sealed class OutputOptions
{
    /// <summary>Octal permission bits of the written file.</summary>
    public string FileMode { get; set; } = "0600";

    /// <summary>How many times per minute the agent restores its output after another writer changed it.</summary>
    public int ConflictBudget { get; set; } = 5;
}
