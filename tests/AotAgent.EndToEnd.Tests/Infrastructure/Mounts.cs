namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Mounts for the read-only and disk-full faults (the suite runs as root in CI; see docs/reliability.md).</summary>
public static class Mounts
{
    private static readonly Lazy<(bool Available, string Why)> Probe = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "aot-e2e", "mount-probe-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var (code, text) = Shell.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir);
            if (code != 0)
            {
                return (false, text.Trim());
            }

            Shell.Run("umount", dir);
            return (true, "mount -t tmpfs works");
        }
        finally
        {
            Directory.Delete(dir);
        }
    });

    public static bool Available => Probe.Value.Available;

    public static string Why => Probe.Value.Why;

    public static bool IsRoot => Shell.Run("id", "-u").Output.Trim() == "0";

    public static void Unmount(string path)
    {
        // Lazy, so an agent still holding a watch cannot make it fail.
        Shell.Run("umount", "-l", path);
    }
}
