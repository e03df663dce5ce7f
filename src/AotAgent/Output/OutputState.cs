namespace AotAgent.Output;

/// <summary>The output as found on disk at the start of a pass: which name exists, its bytes and its mode.</summary>
internal sealed record OutputState(string? FileName, byte[]? Content, UnixFileMode? Mode = null)
{
    public static OutputState None { get; } = new(null, null);

    public bool Exists => FileName is not null;

    /// <summary>Same name and bytes (the mode is not compared: a chmod is not another writer).</summary>
    public bool SameAs(OutputState other) =>
        FileName == other.FileName && Content.AsSpan().SequenceEqual(other.Content);
}
