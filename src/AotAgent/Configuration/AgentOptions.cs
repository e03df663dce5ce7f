using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AotAgent.Configuration;

/// <summary>The agent's configuration as bound from the Generic Host configuration (all layers merged).</summary>
public sealed class AgentOptions
{
    /// <summary>The directory the container runtime loads CNI configs from, as the agent sees it.</summary>
    [Required]
    public string CniDir { get; set; } = "/host/etc/cni/net.d";

    /// <summary>The mounted ConfigMap: one file per key, re-read live.</summary>
    [Required]
    public string ConfigDir { get; set; } = "/etc/aot-agent";

    public bool DryRun { get; set; }

    public bool CleanupOnExit { get; set; }

    public PrimaryOptions Primary { get; set; } = new();

    public MultusOptions Multus { get; set; } = new();

    public OutputOptions Output { get; set; } = new();

    public WatchOptions Watch { get; set; } = new();

    [ValidateObjectMembers]
    public HttpOptions Http { get; set; } = new();
}
