using AotAgent.Output;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Records directory flushes instead of calling fsync (MockFileSystem has no real directory).</summary>
public sealed class RecordingDirectorySync : IDirectorySync
{
    public List<string> Flushed { get; } = [];

    public void Flush(string directory) => Flushed.Add(directory);
}
