using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using AotAgent.Output;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Output;

public sealed class AtomicFileWriterTests
{
    private const string Dir = "/etc/cni/net.d";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly byte[] NewBytes = Encoding.UTF8.GetBytes("{\"new\":true}\n");
    private static readonly byte[] OldBytes = Encoding.UTF8.GetBytes("{\"old\":true}\n");

    private readonly RecordingDirectorySync _sync = new();

    private static T WithDir<T>(T fs)
        where T : MockFileSystem
    {
        fs.Directory.CreateDirectory(Dir);
        return fs;
    }

    private static string[] Names(FaultyFileSystem fs) =>
        fs.Directory.EnumerateFileSystemEntries(Dir).Select(p => fs.Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Replace_NewFile_WrittenThroughHiddenTempThenRenamedAndDirectoryFlushed()
    {
        var fs = WithDir(new FaultyFileSystem());

        new AtomicFileWriter(fs, _sync).Replace(Dir, "00-multus.conf", NewBytes, Mode0600);

        Assert.Equal(NewBytes, fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        var move = Assert.Single(fs.Moves);
        var temp = Path.GetFileName(move.From);
        Assert.True(move.SourceExisted);
        Assert.Equal($"{Dir}/00-multus.conf", move.To);
        Assert.StartsWith(".", temp, StringComparison.Ordinal);
        Assert.True(AtomicFileWriter.IsTempFile(temp), temp);
        Assert.False(temp.EndsWith(".conf", StringComparison.Ordinal) || temp.EndsWith(".conflist", StringComparison.Ordinal) || temp.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(Dir, fs.Path.GetDirectoryName(move.From));
        Assert.Equal([Dir], _sync.Flushed);
        Assert.Equal(["00-multus.conf"], Names(fs));
    }

    [Fact]
    public void Replace_FileMode_Applied()
    {
        var fs = WithDir(new FaultyFileSystem());
        var writer = new AtomicFileWriter(fs, _sync);

        writer.Replace(Dir, "a.conf", NewBytes, Mode0600);
        writer.Replace(Dir, "b.conf", NewBytes, Mode0644);

        Assert.Equal(Mode0600, fs.File.GetUnixFileMode($"{Dir}/a.conf"));
        Assert.Equal(Mode0644, fs.File.GetUnixFileMode($"{Dir}/b.conf"));
    }

    [Fact]
    public void Replace_MoveFails_TargetUntouchedTempRemovedNoFlush()
    {
        var fs = WithDir(new FaultyFileSystem());
        fs.File.WriteAllBytes($"{Dir}/00-multus.conf", OldBytes);
        fs.FailMove = new IOException("rename refused");

        var ex = Assert.Throws<IOException>(() => new AtomicFileWriter(fs, _sync).Replace(Dir, "00-multus.conf", NewBytes, Mode0600));

        Assert.Equal("rename refused", ex.Message);
        Assert.Equal(OldBytes, fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        Assert.Equal(["00-multus.conf"], Names(fs));
        Assert.Empty(_sync.Flushed);
    }

    [Fact]
    public void Replace_DiskFullWhileWriting_TargetUntouchedTempRemoved()
    {
        var fs = WithDir(new FaultyFileSystem());
        fs.File.WriteAllBytes($"{Dir}/00-multus.conf", OldBytes);
        fs.FailWrite = new IOException("No space left on device");

        Assert.Throws<IOException>(() => new AtomicFileWriter(fs, _sync).Replace(Dir, "00-multus.conf", NewBytes, Mode0600));

        Assert.Equal(OldBytes, fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        Assert.Equal(["00-multus.conf"], Names(fs));
        Assert.Empty(fs.Moves);
    }

    [Fact]
    public void Replace_NoTargetAndMoveFails_NothingLeft()
    {
        var fs = WithDir(new FaultyFileSystem());
        fs.FailMove = new UnauthorizedAccessException("read-only");

        Assert.Throws<UnauthorizedAccessException>(() => new AtomicFileWriter(fs, _sync).Replace(Dir, "00-multus.conf", NewBytes, Mode0600));

        Assert.Empty(Names(fs));
    }

    [Fact]
    public void Replace_TargetIsSymlink_ReplacedNotFollowed()
    {
        using var dir = new TempDirectory();
        var elsewhere = dir.Write("elsewhere.txt", "keep me");
        File.CreateSymbolicLink(dir.Combine("00-multus.conf"), "elsewhere.txt");

        new AtomicFileWriter(new FileSystem(), _sync).Replace(dir.Path, "00-multus.conf", NewBytes, Mode0600);

        Assert.Null(new FileInfo(dir.Combine("00-multus.conf")).LinkTarget);
        Assert.Equal("keep me", File.ReadAllText(elsewhere));
    }

    [Fact]
    public void CleanStaleTempFiles_OwnNaming_RemovedOthersKept()
    {
        var fs = WithDir(new FaultyFileSystem());
        fs.File.WriteAllText($"{Dir}/.aot-agent.00-multus.conf.0a1b2c3d4e5f.tmp", "partial");
        fs.File.WriteAllText($"{Dir}/.aot-agent.00-multus.conflist.ffffffffffff.tmp", "partial");
        fs.File.WriteAllText($"{Dir}/.aot-agent.notes", "not ours: no .tmp suffix");
        fs.File.WriteAllText($"{Dir}/.10-flannel.conflist.tmp123", "flannel's own temp");
        fs.File.WriteAllText($"{Dir}/00-multus.conf.new", "multus thin temp");
        fs.File.WriteAllText($"{Dir}/10-aws.conflist", "{}");

        var removed = new AtomicFileWriter(fs, _sync).CleanStaleTempFiles(Dir);

        Assert.Equal(2, removed);
        Assert.Equal([".10-flannel.conflist.tmp123", ".aot-agent.notes", "00-multus.conf.new", "10-aws.conflist"], Names(fs));
    }

    [Fact]
    public void CleanStaleTempFiles_MissingDirectory_Zero()
    {
        Assert.Equal(0, new AtomicFileWriter(new FaultyFileSystem(), _sync).CleanStaleTempFiles("/nowhere"));
    }

    [Fact]
    public void Replace_RealDirectoryUmaskWouldNarrowMode_ExactModeApplied()
    {
        using var dir = new TempDirectory();
        const UnixFileMode Mode0664 = Mode0644 | UnixFileMode.GroupWrite;

        new AtomicFileWriter(new FileSystem(), _sync).Replace(dir.Path, "00-multus.conf", NewBytes, Mode0664);

        Assert.Equal(Mode0664, File.GetUnixFileMode(dir.Combine("00-multus.conf")));
    }
}
