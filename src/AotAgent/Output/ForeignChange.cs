namespace AotAgent.Output;

/// <summary>Another writer changed the agent's output: what it did (removed, emptied, rewritten) and the likely cause.</summary>
internal sealed record ForeignChange(string Output, string Change, string LikelyCause);
