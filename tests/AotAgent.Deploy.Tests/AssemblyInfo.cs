using System.Runtime.Versioning;

// The chart's schema is tested against the agent's key catalog, which is Linux-only like the agent itself.
[assembly: SupportedOSPlatform("linux")]
