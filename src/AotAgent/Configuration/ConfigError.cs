namespace AotAgent.Configuration;

/// <summary>One bad setting: the key as the operator writes it, the value given, and what is allowed.</summary>
internal sealed record ConfigError(string Key, string? Value, string Allowed)
{
    public override string ToString() =>
        $"invalid configuration: {Key}={(Value is null ? "(unset)" : "'" + Value + "'")}: {Allowed}";
}
