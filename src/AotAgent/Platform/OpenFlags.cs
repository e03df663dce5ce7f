using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary>
/// open(2) flag values for the architectures the agent ships on. They are not the same everywhere: O_DIRECTORY is
/// 0x10000 on x86-64 but 0x4000 on arm64, where 0x10000 means O_DIRECT (opening a directory with it fails with EINVAL).
/// So they are chosen by the running architecture, never written as one constant; tests compare each row with the
/// values a C compiler for that architecture gives.
/// </summary>
internal sealed record OpenFlags(int NonBlock, int Directory, int NoFollow, int CloseOnExec, int NoControllingTerminal)
{
    /// <summary>O_RDONLY is 0 on every Linux architecture.</summary>
    public const int ReadOnly = 0;

    private static readonly OpenFlags? ForProcess = For(RuntimeInformation.ProcessArchitecture);

    /// <summary>The values for <paramref name="architecture"/>, or null for one the agent does not ship on.</summary>
    public static OpenFlags? For(Architecture architecture) => architecture switch
    {
        // asm-generic/fcntl.h
        Architecture.X64 => new(NonBlock: 0x800, Directory: 0x10000, NoFollow: 0x20000, CloseOnExec: 0x80000, NoControllingTerminal: 0x100),

        // arch/arm64/include/uapi/asm/fcntl.h overrides O_DIRECTORY, O_NOFOLLOW (and O_DIRECT, O_LARGEFILE).
        Architecture.Arm64 => new(NonBlock: 0x800, Directory: 0x4000, NoFollow: 0x8000, CloseOnExec: 0x80000, NoControllingTerminal: 0x100),
        _ => null,
    };

    /// <summary>The running architecture's values; throws on one the agent was not built for, rather than guessing.</summary>
    public static OpenFlags Current => ForProcess ?? throw new PlatformNotSupportedException(
        $"open(2) flags are not known for {RuntimeInformation.ProcessArchitecture}; aot-agent ships for x64 and arm64");
}
