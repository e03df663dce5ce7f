namespace AotAgent.Diagnostics;

internal sealed record OutputReport(string? File, string? WouldWrite, bool UpToDate, bool DryRun);
