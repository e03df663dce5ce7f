using System.Runtime.Versioning;

// A node agent for Linux CNI directories: Unix file modes, inotify and libc are part of the design.
[assembly: SupportedOSPlatform("linux")]
