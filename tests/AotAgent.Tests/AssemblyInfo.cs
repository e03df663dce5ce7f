using System.Runtime.Versioning;

// The agent is Linux-only (Unix file modes, inotify, libc); so are its tests.
[assembly: SupportedOSPlatform("linux")]
