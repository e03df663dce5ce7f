namespace AotAgent.Platform;

/// <summary>The file type from <c>st_mode</c>, the same on every Linux architecture.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Symlink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
