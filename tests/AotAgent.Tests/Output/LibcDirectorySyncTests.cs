using AotAgent.Output;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Output;

/// <summary>The real directory flush (the one file operation outside IFileSystem), on a real directory.</summary>
public sealed class LibcDirectorySyncTests
{
    [Fact]
    public void Flush_RealDirectory_Succeeds()
    {
        using var dir = new TempDirectory();

        new LibcDirectorySync().Flush(dir.Path);
    }

    [Fact]
    public void Flush_NotADirectory_FailsWithErrnoInsteadOfBlocking()
    {
        using var dir = new TempDirectory();
        var fifo = dir.Combine("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var file = dir.Write("file", "x");

        // A FIFO opened without O_NONBLOCK would block here forever; O_DIRECTORY refuses it (ENOTDIR) at once.
        Assert.Contains("(errno 20)", Assert.Throws<DirectoryFlushException>(() => new LibcDirectorySync().Flush(fifo)).Message, StringComparison.Ordinal);
        Assert.Contains("(errno 20)", Assert.Throws<DirectoryFlushException>(() => new LibcDirectorySync().Flush(file)).Message, StringComparison.Ordinal);
        Assert.Contains("(errno 2)", Assert.Throws<DirectoryFlushException>(() => new LibcDirectorySync().Flush(dir.Combine("missing"))).Message, StringComparison.Ordinal);
    }
}
