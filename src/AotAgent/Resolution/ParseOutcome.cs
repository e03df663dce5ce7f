namespace AotAgent.Resolution;

/// <summary>What parsing one file gave: its network, or why it does not load (<see cref="CniConfigParser"/>).</summary>
internal sealed record ParseOutcome(CniNetwork? Network, string? Problem)
{
    /// <summary>The same outcome without the network's JSON tree, for files kept across passes (a few hundred bytes each).</summary>
    public ParseOutcome Compact() => Network is { Json: not null } n ? this with { Network = n with { Json = null } } : this;
}
