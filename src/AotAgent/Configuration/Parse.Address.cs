using System.Net;
using System.Net.Sockets;

namespace AotAgent.Configuration;

internal static partial class Parse
{
    /// <summary>
    /// An IP address written out in full: IPv4 as four decimal parts without leading zeros (not <c>10.1</c>,
    /// <c>010.0.0.1</c> or <c>0x7f.0.0.1</c>, which .NET would also read), an IPv6
    /// literal without brackets or a zone. A host name is refused: the bind must not depend on name resolution at start.
    /// </summary>
    public static bool IpLiteral(string text, out string value, out string? detail)
    {
        value = text;
        detail = null;
        if (!IPAddress.TryParse(text, out var ip))
        {
            detail = "not an IP address (host names are not resolved)";
            return false;
        }

        var ok = ip.AddressFamily == AddressFamily.InterNetwork
            ? ip.ToString() == text
            : text.Contains(':', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal);
        detail = ok ? null : "not written as a plain IPv4 (a.b.c.d) or IPv6 literal";
        value = ok ? ip.ToString() : text;
        return ok;
    }
}
