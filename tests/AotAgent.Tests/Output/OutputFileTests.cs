using System.IO.Abstractions;
using System.Text;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Output;

public sealed class OutputFileTests
{
    private const string Dir = "/etc/cni/net.d";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const string Multus = """{"cniVersion":"0.3.1","name":"multus-cni-network","type":"multus-shim"}""";
    private static readonly byte[] NewBytes = Encoding.UTF8.GetBytes("{\"new\":true}\n");
    private static readonly byte[] OldBytes = Encoding.UTF8.GetBytes("{\"old\":true}\n");
    private static readonly OutputPolicy Policy0600 = new();
    private static readonly OutputPolicy Policy0644 = new() { FileMode = Mode0644 };

    private readonly FaultyFileSystem _fs = new();
    private readonly RecordingDirectorySync _sync = new();

    public OutputFileTests() => _fs.Directory.CreateDirectory(Dir);

    private static OutputFile Create(IFileSystem fs, IDirectorySync sync) =>
        new(fs, fs is System.IO.Abstractions.TestingHelpers.MockFileSystem ? new FileSystemProbe(fs) : new LibcFileProbe(), new AtomicFileWriter(fs, sync), sync);

    private OutputFile Create() => Create(_fs, _sync);

    /// <summary>What a pass does: read the output once, then write what it rendered.</summary>
    private static WriteOutcome Pass(OutputFile output, IFileSystem fs, string dir, OutputPolicy policy, string name, byte[] content)
    {
        var current = output.Read(dir, policy, n => fs.File.Exists(fs.Path.Combine(dir, n)));
        return output.Write(dir, policy, current, name, content);
    }

    private WriteOutcome Pass(OutputFile output, OutputPolicy policy, string name, byte[] content) => Pass(output, _fs, Dir, policy, name, content);

    private string[] Names() =>
        _fs.Directory.EnumerateFileSystemEntries(Dir).Select(p => _fs.Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Read_NoOutput_None()
    {
        Assert.Equal(OutputState.None, Create().Read(Dir, Policy0600, _ => false));
    }

    [Fact]
    public void Read_ConfAndConflist_ConfFirstWithBytesAndMode()
    {
        _fs.File.WriteAllBytes($"{Dir}/00-multus.conf", OldBytes);
        _fs.File.WriteAllBytes($"{Dir}/00-multus.conflist", NewBytes);

        var state = Create().Read(Dir, Policy0600, _ => true);

        Assert.Equal("00-multus.conf", state.FileName);
        Assert.Equal(OldBytes, state.Content);
        Assert.NotNull(state.Mode);
    }

    [Fact]
    public void Read_NameNotListedByTheScan_NotOpened()
    {
        _fs.File.WriteAllBytes($"{Dir}/00-multus.conf", OldBytes);

        Assert.Equal(OutputState.None, Create().Read(Dir, Policy0600, _ => false));
    }

    [Fact]
    public void Write_SameBytesAndMode_UnchangedNoTempNoFlush()
    {
        var output = Create();
        Pass(output, Policy0644, "00-multus.conf", NewBytes);
        var writtenAt = _fs.File.GetLastWriteTimeUtc($"{Dir}/00-multus.conf");
        _sync.Flushed.Clear();
        _fs.Moves.Clear();

        var outcome = Pass(output, Policy0644, "00-multus.conf", NewBytes);

        Assert.Equal(WriteOutcome.Unchanged, outcome);
        Assert.Empty(_fs.Moves);
        Assert.Empty(_sync.Flushed);
        Assert.Equal(["00-multus.conf"], Names());
        Assert.Equal(writtenAt, _fs.File.GetLastWriteTimeUtc($"{Dir}/00-multus.conf"));
    }

    [Fact]
    public void Write_SameBytesOtherMode_Rewritten()
    {
        var output = Create();
        Pass(output, Policy0644, "00-multus.conf", NewBytes);
        _fs.File.SetUnixFileMode($"{Dir}/00-multus.conf", Mode0644);

        Assert.Equal(WriteOutcome.Written, Pass(output, Policy0600, "00-multus.conf", NewBytes));
        Assert.Equal(Mode0600, _fs.File.GetUnixFileMode($"{Dir}/00-multus.conf"));
    }

    [Fact]
    public void Write_DifferentBytesSameLength_Rewritten()
    {
        var output = Create();
        Pass(output, Policy0644, "00-multus.conf", OldBytes);
        Assert.Equal(OldBytes.Length, NewBytes.Length);

        Assert.Equal(WriteOutcome.Written, Pass(output, Policy0644, "00-multus.conf", NewBytes));
        Assert.Equal(NewBytes, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
    }

    [Fact]
    public void Write_NameFlipsToConflist_OtherNameRemovedAfterNewOneAndFlushedAgain()
    {
        var output = Create();
        Pass(output, Policy0644, "00-multus.conf", OldBytes);
        _sync.Flushed.Clear();

        Pass(output, Policy0644, "00-multus.conflist", NewBytes);

        Assert.Equal(["00-multus.conflist"], Names());
        Assert.Equal([Dir, Dir], _sync.Flushed); // the rename, then the removal
    }

    [Fact]
    public void Write_DirectoryFlushFails_FileInPlaceErrorRecordedNotThrown()
    {
        _sync.FailWith = "cannot open /etc/cni/net.d to flush it: Invalid argument (errno 22)";
        var output = Create();

        var outcome = Pass(output, Policy0644, "00-multus.conf", NewBytes);

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Equal(NewBytes, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        Assert.Equal(["00-multus.conf"], Names());
        Assert.Equal(_sync.FailWith, output.FlushError);
    }

    [Fact]
    public void Write_AfterFailedFlush_UnchangedPassRetriesFlushAndClearsError()
    {
        var output = Create();
        _sync.FailWith = "EIO";
        Pass(output, Policy0644, "00-multus.conf", NewBytes);

        Assert.Equal(WriteOutcome.Unchanged, Pass(output, Policy0644, "00-multus.conf", NewBytes));
        Assert.Equal(2, _sync.Attempts);
        Assert.Equal("EIO", output.FlushError);

        _sync.FailWith = null;
        Assert.Equal(WriteOutcome.Unchanged, Pass(output, Policy0644, "00-multus.conf", NewBytes));
        Assert.Null(output.FlushError);
        Assert.Equal([Dir], _sync.Flushed);

        // Once durable, an unchanged pass flushes nothing more.
        Pass(output, Policy0644, "00-multus.conf", NewBytes);
        Assert.Equal(3, _sync.Attempts);
    }

    [Fact]
    public void Write_OutputIsSymlink_ReplacedByRegularFileTargetKept()
    {
        using var dir = new TempDirectory();
        var elsewhere = dir.Write("elsewhere.txt", "keep me");
        File.CreateSymbolicLink(dir.Combine("00-multus.conf"), "elsewhere.txt");
        var fs = new FileSystem();

        var outcome = Pass(Create(fs, _sync), fs, dir.Path, Policy0600, "00-multus.conf", NewBytes);

        Assert.Equal(WriteOutcome.Written, outcome);
        Assert.Null(new FileInfo(dir.Combine("00-multus.conf")).LinkTarget);
        Assert.Equal("keep me", File.ReadAllText(elsewhere));
    }

    [Fact]
    public void Write_RealDirectory_ModesContentAndNoTempLeft()
    {
        using var dir = new TempDirectory();
        var fs = new FileSystem();
        var output = Create(fs, new LibcDirectorySync());

        Assert.Equal(WriteOutcome.Written, Pass(output, fs, dir.Path, Policy0600, "00-multus.conf", NewBytes));
        Assert.Equal(WriteOutcome.Unchanged, Pass(output, fs, dir.Path, Policy0600, "00-multus.conf", NewBytes));
        Assert.Equal(WriteOutcome.Written, Pass(output, fs, dir.Path, Policy0644, "00-multus.conf", NewBytes));

        Assert.Equal(Mode0644, File.GetUnixFileMode(dir.Combine("00-multus.conf")));
        Assert.Equal(NewBytes, File.ReadAllBytes(dir.Combine("00-multus.conf")));
        Assert.Equal(["00-multus.conf"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
        Assert.Null(output.FlushError);
    }

    [Fact]
    public void Remove_MultusConfigs_BothNamesRemovedAndFlushed()
    {
        _fs.File.WriteAllText($"{Dir}/00-multus.conf", Multus);
        _fs.File.WriteAllText($"{Dir}/00-multus.conflist", """{"cniVersion":"1.0.0","name":"m","plugins":[{"type":"multus"}]}""");
        _fs.File.WriteAllText($"{Dir}/10-aws.conflist", "{}");

        var removals = Create().Remove(Dir, Policy0600, onlyName: null, dryRun: false);

        Assert.Equal([true, true], removals.Select(r => r.Removed));
        Assert.Equal(["10-aws.conflist"], Names());
        Assert.Equal([Dir, Dir], _sync.Flushed);
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.4.0","name":"aws-cni","plugins":[{"type":"aws-cni"}]}""")]
    [InlineData("not json")]
    [InlineData("""{"type":"multus","type":"bridge"}""")]
    public void Remove_NotAMultusConfig_KeptWithReason(string content)
    {
        _fs.File.WriteAllText($"{Dir}/00-multus.conf", content);

        var removal = Assert.Single(Create().Remove(Dir, Policy0600, onlyName: null, dryRun: false));

        Assert.False(removal.Removed);
        Assert.Equal("it is not a Multus config", removal.KeptBecause);
        Assert.Equal(["00-multus.conf"], Names());
    }

    [Fact]
    public void Remove_OnlyName_OtherNameKept()
    {
        _fs.File.WriteAllText($"{Dir}/00-multus.conf", Multus);
        _fs.File.WriteAllText($"{Dir}/00-multus.conflist", Multus);

        Create().Remove(Dir, Policy0600, onlyName: "00-multus.conflist", dryRun: false);

        Assert.Equal(["00-multus.conf"], Names());
    }

    [Fact]
    public void Remove_DryRun_NothingRemoved()
    {
        _fs.File.WriteAllText($"{Dir}/00-multus.conf", Multus);

        var removal = Assert.Single(Create().Remove(Dir, Policy0600, onlyName: null, dryRun: true));

        Assert.False(removal.Removed);
        Assert.Null(removal.KeptBecause);
        Assert.Equal(["00-multus.conf"], Names());
        Assert.Empty(_sync.Flushed);
    }
}
