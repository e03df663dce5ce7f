namespace AotAgent.Configuration;

/// <summary>
/// The ConfigMap was re-pointed during every reading tried: not a bad value, so never a refusal. The daemon reads
/// it again at the next change or resync; at start the verb stops with one line.
/// </summary>
internal sealed class ConfigMapChangingException : IOException
{
    public ConfigMapChangingException()
    {
    }

    public ConfigMapChangingException(string message)
        : base(message)
    {
    }

    public ConfigMapChangingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
