namespace AotAgent.Configuration;

/// <summary>Raised when settings are invalid; the program stops with exit code 2 and prints one line per error.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(errors.Count > 0 ? string.Join('\n', errors) : "invalid configuration") => Errors = errors;

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message) => Errors = [];

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<ConfigError> Errors { get; }
}
