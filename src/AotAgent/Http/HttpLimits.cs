namespace AotAgent.Http;

/// <summary>
/// The bounds that keep the HTTP surface small on the host network, whatever a client does. Each one ends a kind of
/// abuse (docs/reliability.md, "HTTP abuse"); none is a key, because none is something an operator should need to tune.
/// </summary>
internal static class HttpLimits
{
    /// <summary>Connections on <c>Http__Address</c>:<c>Http__Port</c>; more are closed at accept.</summary>
    public const int MainConnections = 64;

    /// <summary>Connections on the 127.0.0.1 probe listener: a full main listener cannot starve the kubelet's probes.</summary>
    public const int ProbeConnections = 8;

    /// <summary>Kestrel's own per-listener cap, above ours so ours decides (and counts); a backstop only.</summary>
    public const int KestrelBackstop = 2 * MainConnections;

    /// <summary><c>/status</c> responses written at once; more get 503 with Retry-After.</summary>
    public const int StatusConcurrency = 2;

    /// <summary><c>/status</c> lists at most this many candidates, and counts the rest (<c>explain</c> lists them all).</summary>
    public const int StatusCandidates = 100;

    public const int MaxRequestLineSize = 2 * 1024;

    public const int MaxRequestHeadersTotalSize = 8 * 1024;

    public const int MaxRequestHeaderCount = 32;

    /// <summary>At least the line and header limits, so those limits are what answers (414, 431).</summary>
    public const int MaxRequestBufferSize = 16 * 1024;

    public const int MaxResponseBufferSize = 64 * 1024;

    /// <summary>A request's headers must be complete this long after its first byte (408 otherwise).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Also what closes a connection that never sends a byte.</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A response not written by then is aborted: Kestrel's minimum data rate gives a large body hours (size / 240 B/s),
    /// and each pending response holds its buffers.
    /// </summary>
    public static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A reader slower than this, after <see cref="DataRateGrace"/>, is dropped by Kestrel (responses here are tens of KiB).</summary>
    public const int MinResponseBytesPerSecond = 4096;

    /// <summary>Kestrel's default for request bodies; the agent never reads one.</summary>
    public const int MinRequestBodyBytesPerSecond = 240;

    public static readonly TimeSpan DataRateGrace = TimeSpan.FromSeconds(5);

    /// <summary>Refused connections are counted always, but logged at most this often.</summary>
    public static readonly TimeSpan RejectionLogInterval = TimeSpan.FromMinutes(1);
}
