namespace AotAgent.Configuration;

/// <summary>Turns a cleaned, non-empty value into <typeparamref name="T"/>; on failure <paramref name="detail"/> may say why.</summary>
internal delegate bool ValueParser<T>(string text, out T value, out string? detail);
