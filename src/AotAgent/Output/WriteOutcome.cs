namespace AotAgent.Output;

internal enum WriteOutcome
{
    /// <summary>The file already held these bytes and mode: nothing touched.</summary>
    Unchanged,

    /// <summary>The file was replaced atomically.</summary>
    Written,
}
