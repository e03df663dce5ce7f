using AotAgent.Output;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Records directory flushes instead of calling fsync (MockFileSystem has no real directory); can be made to fail.</summary>
public sealed class RecordingDirectorySync : IDirectorySync
{
    public List<string> Flushed { get; } = [];

    /// <summary>While set, every flush fails with this message (as the arm64 O_DIRECTORY bug did: EINVAL).</summary>
    public string? FailWith { get; set; }

    public int Attempts { get; private set; }

    public void Flush(string directory)
    {
        Attempts++;
        if (FailWith is { } message)
        {
            throw new DirectoryFlushException(message);
        }

        Flushed.Add(directory);
    }
}
