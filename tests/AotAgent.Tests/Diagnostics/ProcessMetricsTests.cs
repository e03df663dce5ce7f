using System.IO.Abstractions.TestingHelpers;
using AotAgent.Diagnostics;
using Prometheus;

namespace AotAgent.Tests.Diagnostics;

/// <summary>Issue 11: the standard process_* series, read from /proc/self through IFileSystem.</summary>
public sealed class ProcessMetricsTests
{
    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max open files            20000                1048576              files
        Max locked memory         8388608              8388608              bytes
        """;

    private static MockFileSystem ProcSelf(int fds)
    {
        var fs = new MockFileSystem();
        fs.AddFile("/proc/self/statm", new MockFileData("12345 4096 1200 1000 0 3000 0\n"));
        fs.AddFile("/proc/self/limits", new MockFileData(Limits));
        for (var i = 0; i < fds; i++)
        {
            fs.AddFile($"/proc/self/fd/{i}", new MockFileData(string.Empty));
        }

        return fs;
    }

    [Fact]
    public async Task Scrape_ReadsProcSelf()
    {
        var registry = Metrics.NewCustomRegistry();
        var cpu = TimeSpan.FromSeconds(1.5);
        _ = new ProcessMetrics(registry, ProcSelf(fds: 17), new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), () => cpu);

        var text = await Export(registry);

        Assert.Contains($"process_resident_memory_bytes {4096L * Environment.SystemPageSize}\n", text, StringComparison.Ordinal);
        Assert.Contains("process_open_fds 17\n", text, StringComparison.Ordinal);
        Assert.Contains("process_max_fds 20000\n", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains($"process_start_time_seconds {new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}\n", text, StringComparison.Ordinal);

        cpu = TimeSpan.FromSeconds(2.25);
        Assert.Contains("process_cpu_seconds_total 2.25\n", await Export(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ProcSelfUnreadable_KeepsTheLastValuesAndStillAnswers()
    {
        var registry = Metrics.NewCustomRegistry();
        var fs = ProcSelf(fds: 9);
        _ = new ProcessMetrics(registry, fs, DateTimeOffset.UnixEpoch, () => TimeSpan.Zero);
        await Export(registry);

        fs.RemoveFile("/proc/self/statm");
        var text = await Export(registry);

        Assert.Contains("process_open_fds 9\n", text, StringComparison.Ordinal);
        Assert.Contains($"process_resident_memory_bytes {4096L * Environment.SystemPageSize}\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Max open files            1024                 4096                 files", 1024)]
    [InlineData("Max open files            unlimited            unlimited            files", double.PositiveInfinity)]
    public void MaxOpenFiles_IsTheSoftLimit(string line, double expected)
    {
        Assert.Equal(expected, ProcessMetrics.MaxOpenFiles(["Limit  Soft Limit  Hard Limit  Units", line]));
    }

    [Fact]
    public void Real_ProcSelf_MatchesTheKernel()
    {
        var fs = new System.IO.Abstractions.FileSystem();
        var limits = fs.File.ReadAllLines("/proc/self/limits");
        Assert.True(ProcessMetrics.MaxOpenFiles(limits) >= 1024);
    }

    private static async Task<string> Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
