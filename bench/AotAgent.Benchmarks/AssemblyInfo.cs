using System.Runtime.Versioning;

// The agent is Linux-only (inotify, fsync of directories); so are its benchmarks.
[assembly: SupportedOSPlatform("linux")]
