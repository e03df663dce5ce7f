namespace AotAgent.Output;

/// <summary>
/// Flushes a directory entry to disk after a rename. .NET cannot open a directory as a stream, so this one operation
/// goes around <c>IFileSystem</c>: <see cref="LibcDirectorySync"/> in production, a recording fake in tests.
/// </summary>
internal interface IDirectorySync
{
    public void Flush(string directory);
}
