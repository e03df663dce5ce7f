// Every test starts real processes, watches real directories and binds real ports: one at a time keeps 2 cores calm.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The agent is a Linux node agent; the suite drives inotify, signals, FIFOs and mounts.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
