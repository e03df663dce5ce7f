using System.Runtime.InteropServices;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Platform;

/// <summary>
/// <c>struct statx</c>'s layout and the statx/errno constants the agent hard-codes, against each shipped architecture's
/// C headers (they are meant to be the same everywhere; this proves it for the two the agent ships on).
/// </summary>
public sealed class StatxTests
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <sys/stat.h>
        int main(void) {
          printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu %zu %zu ",
            sizeof(struct statx), offsetof(struct statx, stx_mask), offsetof(struct statx, stx_mode), offsetof(struct statx, stx_ino),
            offsetof(struct statx, stx_size), offsetof(struct statx, stx_ctime.tv_sec), offsetof(struct statx, stx_ctime.tv_nsec),
            offsetof(struct statx, stx_mtime.tv_sec), offsetof(struct statx, stx_mtime.tv_nsec),
            offsetof(struct statx, stx_dev_major), offsetof(struct statx, stx_dev_minor));
          printf("%d %d %d %d ", AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, STATX_BASIC_STATS);
          printf("%d %d %d %d %d %d %d %d ", S_IFMT, S_IFIFO, S_IFCHR, S_IFDIR, S_IFBLK, S_IFREG, S_IFLNK, S_IFSOCK);
          printf("%d %d %d\n", ENOENT, EINTR, ENOTDIR);
          return 0;
        }
        """;

    public static TheoryData<string, string, string?> Architectures => NativeProgram.Architectures;

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LayoutAndConstants_MatchEachArchitecturesHeaders(string architecture, string compiler, string? emulator)
    {
        _ = architecture;
        var expected = string.Join(' ',
            Marshal.SizeOf<Statx>(), Offset(nameof(Statx.Mask)), Offset(nameof(Statx.Mode)), Offset(nameof(Statx.Inode)),
            Offset(nameof(Statx.Size)), Offset(nameof(Statx.ChangedSeconds)), Offset(nameof(Statx.ChangedNanoseconds)),
            Offset(nameof(Statx.ModifiedSeconds)), Offset(nameof(Statx.ModifiedNanoseconds)),
            Offset(nameof(Statx.DeviceMajor)), Offset(nameof(Statx.DeviceMinor)),
            Statx.AtFdCwd, Statx.AtSymlinkNoFollow, Statx.AtEmptyPath, Statx.BasicStats,
            Statx.TypeMask, Statx.TypeFifo, Statx.TypeCharacterDevice, Statx.TypeDirectory, Statx.TypeBlockDevice, Statx.TypeRegular, Statx.TypeSymlink, Statx.TypeSocket,
            Libc.ENoEnt, Libc.EIntr, Libc.ENotDir);

        Assert.Equal(NativeProgram.CompileAndRun(Program, compiler, emulator), expected);
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<Statx>(field);
}
