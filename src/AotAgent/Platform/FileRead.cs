namespace AotAgent.Platform;

/// <summary>The bytes of a regular file and its status as opened, or why it was not read.</summary>
internal sealed record FileRead(byte[]? Content, FileStatus? Status, string? Problem)
{
    public static FileRead Failed(string problem, FileStatus? status = null) => new(null, status, problem);
}
