using System.Globalization;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Another process's resident memory and open descriptors, read from /proc/PID as an operator would.</summary>
public static class ProcStats
{
    /// <summary>VmRSS in KiB; 0 when the process is gone.</summary>
    public static long RssKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>Entries of /proc/PID/fd; 0 when the process is gone.</summary>
    public static int Fds(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").Count();
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static string MiB(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
