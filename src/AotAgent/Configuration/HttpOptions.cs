using System.ComponentModel.DataAnnotations;

namespace AotAgent.Configuration;

public sealed class HttpOptions
{
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>0 disables the HTTP server.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9747;
}
