using System.Globalization;
using System.IO.Abstractions;
using Prometheus;

namespace AotAgent.Diagnostics;

/// <summary>
/// The standard <c>process_*</c> series under the names dashboards and alerts expect (Prometheus's client_golang), read
/// from <c>/proc/self</c> through <see cref="IFileSystem"/> at each scrape. prometheus-net's own collector has neither
/// resident memory, nor open or maximum file descriptors. A read that fails (descriptors exhausted) keeps the last values.
/// </summary>
internal sealed class ProcessMetrics
{
    public const string ProcSelf = "/proc/self";

    private readonly IFileSystem _fileSystem;
    private readonly Func<TimeSpan> _cpuTime;
    private readonly Gauge _resident;
    private readonly Gauge _openFds;
    private readonly Gauge _maxFds;
    private readonly Counter _cpu;

    public ProcessMetrics(CollectorRegistry registry, IFileSystem fileSystem, DateTimeOffset startTime, Func<TimeSpan> cpuTime)
    {
        _fileSystem = fileSystem;
        _cpuTime = cpuTime;
        var f = Metrics.WithCustomRegistry(registry);
        _resident = f.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        _openFds = f.CreateGauge("process_open_fds", "Number of open file descriptors.");
        _maxFds = f.CreateGauge("process_max_fds", "Maximum number of open file descriptors (the soft limit).");
        _cpu = f.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        f.CreateGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.")
            .Set(startTime.ToUnixTimeMilliseconds() / 1000.0);
        registry.AddBeforeCollectCallback(Collect);
    }

    public void Collect()
    {
        _cpu.IncTo(_cpuTime().TotalSeconds);
        try
        {
            // statm: size resident shared text lib data dt, in pages.
            var statm = _fileSystem.File.ReadAllText(ProcSelf + "/statm").Split(' ');
            _resident.Set(long.Parse(statm[1], CultureInfo.InvariantCulture) * (double)Environment.SystemPageSize);
            _openFds.Set(_fileSystem.Directory.EnumerateFileSystemEntries(ProcSelf + "/fd").Count());
            _maxFds.Set(MaxOpenFiles(_fileSystem.File.ReadAllLines(ProcSelf + "/limits")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Keep the last values: a scrape must not fail because /proc could not be read this once.
        }
    }

    /// <summary>The soft limit from the <c>Max open files</c> line (<c>unlimited</c> is +Inf).</summary>
    public static double MaxOpenFiles(IEnumerable<string> limits)
    {
        const string Prefix = "Max open files";
        foreach (var line in limits)
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var soft = line[Prefix.Length..].TrimStart().Split(' ', 2)[0];
                return soft == "unlimited" ? double.PositiveInfinity : double.Parse(soft, CultureInfo.InvariantCulture);
            }
        }

        throw new FormatException("no 'Max open files' line in " + ProcSelf + "/limits");
    }
}
