using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary>
/// The few libc calls .NET does not expose. Every constant passed to them comes from <see cref="OpenFlags"/>, which is
/// chosen by architecture; the functions themselves have the same signature on every Linux architecture.
/// </summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatxCall(int dirfd, string path, int flags, uint mask, out Statx result);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int SetRLimit(int resource, in RLimit limit);

    /// <summary>errno values used by name; asm-generic/errno-base.h, the same on x86-64 and arm64 (checked by tests).</summary>
    public const int ENoEnt = 2;

    public const int EIntr = 4;

    public const int ENotDir = 20;

    /// <summary>The last call's errno as "message (errno N)", e.g. "Invalid argument (errno 22)".</summary>
    public static string LastError() => $"{Marshal.GetLastPInvokeErrorMessage()} (errno {Marshal.GetLastPInvokeError()})";
}
