using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary><c>struct rlimit</c>: two <c>rlim_t</c> (unsigned long, 64 bits on every 64-bit Linux architecture).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RLimit
{
    public ulong Current;
    public ulong Maximum;
}
