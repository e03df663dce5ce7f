using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Platform;

/// <summary>
/// The production probe on real files: a FIFO, a socket, a device, a directory or an oversized file is never read,
/// and nothing blocks (each call is bounded by a generous timeout, as a hang would otherwise stall the suite).
/// </summary>
public sealed class LibcFileProbeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly LibcFileProbe _probe = new();

    private static T Bounded<T>(Func<T> call)
    {
        var task = Task.Run(call);
        Assert.True(task.Wait(Patience), "the call blocked");
        return task.Result;
    }

    private static void Mkfifo(string path)
    {
        using var process = Process.Start("mkfifo", [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void ReadRegular_SmallFile_BytesAndStatus()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("10-a.conf", "{\"x\":1}");

        var read = _probe.ReadRegular(path, 1024);

        Assert.Equal("{\"x\":1}", Encoding.UTF8.GetString(read.Content!));
        Assert.Equal(FileKind.Regular, read.Status!.Value.Kind);
        Assert.Equal(7, read.Status.Value.Size);
        Assert.NotEqual(0UL, read.Status.Value.Inode);
        Assert.Null(read.Problem);
    }

    [Fact]
    public void ReadRegular_EmptyFile_EmptyContent()
    {
        using var dir = new TempDirectory();

        Assert.Empty(_probe.ReadRegular(dir.Write("e.conf", string.Empty), 1024).Content!);
    }

    [Fact]
    public void ReadRegular_Fifo_RefusedAtOnceNeverBlocks()
    {
        using var dir = new TempDirectory();
        var fifo = dir.Combine("10-pipe.conflist");
        Mkfifo(fifo);

        var read = Bounded(() => _probe.ReadRegular(fifo, 1024));

        Assert.Null(read.Content);
        Assert.Equal(FileKind.Fifo, read.Status!.Value.Kind);
        Assert.Contains("FIFO", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRegular_UnixSocket_Refused()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("10-sock.conf");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var read = Bounded(() => _probe.ReadRegular(path, 1024));

        Assert.Null(read.Content);
        Assert.Contains("socket", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRegular_LinkToDevZero_RefusedWithoutReading()
    {
        using var dir = new TempDirectory();
        var link = dir.Combine("00-multus.conf");
        File.CreateSymbolicLink(link, "/dev/zero");

        var read = Bounded(() => _probe.ReadRegular(link, 1024));

        Assert.Null(read.Content);
        Assert.Equal(FileKind.CharacterDevice, read.Status!.Value.Kind);
    }

    [Fact]
    public void ReadRegular_Directory_Refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("d.conf"));

        Assert.Equal(FileKind.Directory, _probe.ReadRegular(dir.Combine("d.conf"), 1024).Status!.Value.Kind);
    }

    [Fact]
    public void ReadRegular_LargerThanLimit_RefusedBySizeNotRead()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("big.conf", new string('x', 2048));

        var read = _probe.ReadRegular(path, 1024);

        Assert.Null(read.Content);
        Assert.StartsWith("larger than 1 KiB (2048 bytes)", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRegular_Missing_ProblemNotException()
    {
        using var dir = new TempDirectory();

        Assert.Contains("(errno 2)", _probe.ReadRegular(dir.Combine("missing"), 1024).Problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// A name that flips between a regular file and a FIFO (renamed over it) while being read: every read either gets
    /// the regular file's bytes or refuses a FIFO, and none blocks (the type is checked on the opened descriptor).
    /// </summary>
    [Fact]
    public async Task ReadRegular_NameFlipsBetweenFileAndFifo_NeverBlocksNeverReadsAFifo()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("10-flip.conf");
        File.WriteAllText(target, "{\"flip\":true}");

        // Made up front (one mkfifo for all), so the flips themselves are just renames and come fast.
        const int Flips = 400;
        var fifos = Enumerable.Range(0, Flips / 2).Select(i => dir.Combine($".fifo{i}")).ToArray();
        var spare = dir.Combine(".spare-fifo");
        using (var mkfifo = Process.Start("mkfifo", [.. fifos, spare]))
        {
            mkfifo.WaitForExit();
        }

        var flips = 0;
        var flipper = Task.Run(async () =>
        {
            for (var i = 0; i < Flips; i++)
            {
                var next = dir.Combine($".file{i}");
                if (i % 2 == 0)
                {
                    next = fifos[i / 2];
                }
                else
                {
                    File.WriteAllText(next, "{\"flip\":true}");
                }

                File.Move(next, target, overwrite: true);
                Interlocked.Increment(ref flips);
                await Task.Delay(1);
            }
        });

        var (regular, refused) = (0, 0);
        while (!flipper.IsCompleted || regular == 0 || refused == 0)
        {
            var read = Bounded(() => _probe.ReadRegular(target, 1024));
            if (read.Content is { } content)
            {
                Assert.Equal("{\"flip\":true}", Encoding.UTF8.GetString(content));
                regular++;
            }
            else
            {
                Assert.Contains("FIFO", read.Problem, StringComparison.Ordinal);
                refused++;
            }

            if (flipper.IsCompleted && (regular == 0 || refused == 0))
            {
                // The flips ended before both kinds were seen: put the other kind back and read once more.
                File.Move(refused == 0 ? spare : dir.Write(".last", "{\"flip\":true}"), target, overwrite: true);
            }
        }

        await flipper;
        Assert.True(regular > 0 && refused > 0, $"saw {regular} regular reads and {refused} refusals over {flips} flips");
    }

    [Fact]
    public void Stat_LinkAndTarget_KindsAndIdentity()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.conf", "x");
        var link = dir.Combine("b.conf");
        File.CreateSymbolicLink(link, "a.conf");

        var followed = _probe.Stat(link, followLinks: true)!.Value;

        Assert.Equal(FileKind.Symlink, _probe.Stat(link, followLinks: false)!.Value.Kind);
        Assert.Equal(FileKind.Regular, followed.Kind);
        Assert.Equal(_probe.Stat(file, followLinks: false)!.Value.Inode, followed.Inode);
        Assert.Equal(FileKind.Directory, _probe.Stat(dir.Path, followLinks: true)!.Value.Kind);
        Assert.Null(_probe.Stat(dir.Combine("missing"), followLinks: true));
        Assert.Null(_probe.Stat(dir.Combine("a.conf/under-a-file"), followLinks: true));
    }

    [Fact]
    public void Stat_FileRewrittenInPlace_ChangeTimeMoves()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.conf", "one");
        var before = _probe.Stat(file, followLinks: true)!.Value;
        Thread.Sleep(20);

        File.WriteAllText(file, "two");

        var after = _probe.Stat(file, followLinks: true)!.Value;
        Assert.Equal(before.Inode, after.Inode);
        Assert.True(after.ChangedNs > before.ChangedNs, $"ctime {before.ChangedNs} -> {after.ChangedNs}");
    }
}
