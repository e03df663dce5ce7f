namespace AotAgent.Reconciliation;

/// <summary>The agent's output as found on disk before a pass: which name exists and its bytes.</summary>
public sealed record OutputState(string? FileName, byte[]? Content)
{
    public static OutputState None { get; } = new(null, null);
}
