namespace AotAgent.Output;

/// <summary>
/// The directory holding a freshly renamed file could not be flushed: the new file is in place and readable, but the
/// rename may not survive a power loss. Not a failed write.
/// </summary>
internal sealed class DirectoryFlushException : IOException
{
    public DirectoryFlushException()
    {
    }

    public DirectoryFlushException(string message)
        : base(message)
    {
    }

    public DirectoryFlushException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
