using System.IO.Abstractions;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Resolution;

namespace AotAgent.Reconciliation;

/// <summary>
/// Builds the pass, in one place, for every user: the daemon (and its start-up pass), the one-shot verbs, the tests
/// and the benchmarks. Only the edges differ: the file system, the file probe, the directory flush and the clock.
/// </summary>
internal static class Pipeline
{
    public static Reconciler Create(IFileSystem fileSystem, IFileProbe probe, IDirectorySync directorySync, TimeProvider time)
    {
        var writer = new AtomicFileWriter(fileSystem, directorySync);
        return new Reconciler(
            new CniDirectoryScanner(fileSystem, probe, time),
            new OutputFile(fileSystem, probe, writer, directorySync),
            new DaemonConfigInspector(probe),
            new CrioConfigReader(fileSystem, probe),
            new PrimaryMemory(),
            new OutputOwnership(time),
            time);
    }
}
