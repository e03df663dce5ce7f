using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary>
/// <c>struct statx</c> and its constants. Unlike <c>struct stat</c>, its layout and flags are the same on every Linux
/// architecture (include/uapi/linux/stat.h, fcntl.h); tests compare them with what each architecture's C compiler says.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct Statx
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const uint BasicStats = 0x7ff;

    public const int TypeMask = 0xF000;
    public const int TypeFifo = 0x1000;
    public const int TypeCharacterDevice = 0x2000;
    public const int TypeDirectory = 0x4000;
    public const int TypeBlockDevice = 0x6000;
    public const int TypeRegular = 0x8000;
    public const int TypeSymlink = 0xA000;
    public const int TypeSocket = 0xC000;

    [FieldOffset(0)] public uint Mask;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(96)] public long ChangedSeconds;
    [FieldOffset(104)] public uint ChangedNanoseconds;
    [FieldOffset(112)] public long ModifiedSeconds;
    [FieldOffset(120)] public uint ModifiedNanoseconds;
    [FieldOffset(136)] public uint DeviceMajor;
    [FieldOffset(140)] public uint DeviceMinor;

    public readonly FileStatus ToStatus() => new(
        (Mode & TypeMask) switch
        {
            TypeRegular => FileKind.Regular,
            TypeDirectory => FileKind.Directory,
            TypeSymlink => FileKind.Symlink,
            TypeFifo => FileKind.Fifo,
            TypeSocket => FileKind.Socket,
            TypeCharacterDevice => FileKind.CharacterDevice,
            TypeBlockDevice => FileKind.BlockDevice,
            _ => FileKind.Unknown,
        },
        ((ulong)DeviceMajor << 32) | DeviceMinor,
        Inode,
        (long)Math.Min(Size, long.MaxValue),
        (ModifiedSeconds * 1_000_000_000) + ModifiedNanoseconds,
        (ChangedSeconds * 1_000_000_000) + ChangedNanoseconds,
        (UnixFileMode)(Mode & 0xFFF));
}
