using System.Globalization;

namespace AotAgent.Configuration;

/// <summary>
/// The HTTP endpoints (<c>Http__*</c>). Not a pipeline stage, so its slice lives here rather than in a stage folder;
/// read once at start (a change needs a restart).
/// </summary>
internal sealed record HttpSettings
{
    /// <summary><c>::</c> is dual-stack (IPv4 too, and IPv4 only where the node has IPv6 disabled); <c>0.0.0.0</c> is IPv4 only.</summary>
    public string Address { get; init; } = "::";

    /// <summary>Every endpoint; 0 disables HTTP.</summary>
    public int Port { get; init; } = 9747;

    /// <summary>/healthz and /readyz only, on 127.0.0.1 with its own connection cap (the kubelet's probes); 0 disables it.</summary>
    public int ProbePort { get; init; } = 9748;

    /// <summary>What is served where, for the log and for errors.</summary>
    public string Describe()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var main = Address switch
        {
            "::" => $"[::]:{port} (dual-stack)",
            "0.0.0.0" => $"0.0.0.0:{port} (IPv4 only)",
            var a when a.Contains(':', StringComparison.Ordinal) => $"[{a}]:{port}",
            var a => $"{a}:{port}",
        };
        return ProbePort == 0 ? $"{main}, no probe listener" : $"{main}, probes on 127.0.0.1:{ProbePort.ToString(CultureInfo.InvariantCulture)}";
    }
}
