namespace AotAgent.Configuration;

/// <summary>
/// One configuration key: its operator spelling, documented default, what it allows, and how a value is parsed into
/// the settings. The rule lives here, next to the key, so errors never have to be recovered from exception text.
/// </summary>
internal sealed class SettingKey
{
    private readonly Func<AgentSettings, string, (AgentSettings? Next, string? Detail)> _apply;

    private SettingKey(string name, string? defaultValue, string allowed, string description, Func<AgentSettings, string, (AgentSettings?, string?)> apply)
    {
        Name = name;
        Path = KeySpelling.ToPath(name);
        Default = defaultValue;
        Allowed = allowed;
        Description = description;
        _apply = apply;
    }

    /// <summary>The operator's spelling, e.g. <c>Primary__Prefer</c>.</summary>
    public string Name { get; }

    /// <summary>The configuration path, e.g. <c>Primary:Prefer</c>.</summary>
    public string Path { get; }

    /// <summary>The default as an operator would write it; null when the key is unset by default.</summary>
    public string? Default { get; }

    /// <summary>What a valid value looks like, in one line (shown with every error).</summary>
    public string Allowed { get; }

    public string Description { get; }

    public static SettingKey Create<T>(string name, string? defaultValue, string allowed, string description, ValueParser<T> parse, Func<AgentSettings, T, AgentSettings> set) =>
        new(name, defaultValue, allowed, description, (settings, text) =>
            parse(text, out var value, out var detail) ? (set(settings, value), null) : (null, detail));

    /// <summary>Applies a cleaned, non-empty value; returns the error naming this key when the value is not allowed.</summary>
    public ConfigError? TryApply(ref AgentSettings settings, string value)
    {
        var (next, detail) = _apply(settings, value);
        if (next is null)
        {
            return new ConfigError(Name, value, detail is null ? "expected " + Allowed : detail + "; expected " + Allowed);
        }

        settings = next;
        return null;
    }
}
