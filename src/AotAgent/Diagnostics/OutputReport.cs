namespace AotAgent.Diagnostics;

public sealed record OutputReport(string? File, string? WouldWrite, bool UpToDate, bool DryRun);
