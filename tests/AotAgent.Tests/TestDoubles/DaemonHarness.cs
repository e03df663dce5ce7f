using System.IO.Abstractions.TestingHelpers;
using System.Text;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Hosting;
using AotAgent.Reconciliation;
using AotAgent.Watching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// The daemon wired on MockFileSystem, FakeTimeProvider and the fake watcher, as AddAgent wires it for real.
/// The worker runs on its own thread; tests drive it with events and time, then wait for the pass count to move.
/// </summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    public const string CniDir = "/host/etc/cni/net.d";
    public const string ConfigDir = "/etc/aot-agent";

    private readonly CancellationTokenSource _stop = new();
    private FileSystemProbe? _probe;

    public DaemonHarness(IDictionary<string, string?>? environment = null, bool createCniDir = true)
    {
        if (createCniDir)
        {
            FileSystem.Directory.CreateDirectory(CniDir);
        }

        FileSystem.Directory.CreateDirectory(ConfigDir);
        Environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Http:Port"] = "0",

            // MockFileSystem's File.Move resets the mode to 0644 (TestableIO 22.3); with any other mode every pass would
            // see "mode differs" and rewrite. Real-disk mode handling is covered by the writer tests on temp dirs.
            ["Output:FileMode"] = "0644",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            Environment[key] = value;
        }
    }

    public MockFileSystem FileSystem { get; } = new();

    /// <summary>What the loop's memory trim sees as allocated so far (tests move it), and the collections it made.</summary>
    public long Allocated { get; set; }

    public int Collections { get; private set; }

    public IdleTrim Trim { get; private set; } = null!;

    public FileSystemProbe Probe => _probe ??= new FileSystemProbe(FileSystem);

    /// <summary>Fake time that notes when the loop parks, which tests synchronise on.</summary>
    public ParkingTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public FakeDirectoryWatcherFactory Watchers { get; } = new();

    public RecordingDirectorySync DirectorySync { get; } = new();

    public Dictionary<string, string?> Environment { get; }

    public AgentMetrics Metrics { get; } = new(Prometheus.Metrics.NewCustomRegistry());

    public FakeLogCollector Logs { get; } = new();

    public DaemonStatus Status { get; private set; } = null!;

    public ChangeSignal Signal { get; private set; } = null!;

    public ReconcileLoop Loop { get; private set; } = null!;

    public LiveSettings Live { get; private set; } = null!;

    /// <summary>The pipeline the loop runs on (the one the start-up pass used, when there was one).</summary>
    public Reconciler Pipeline { get; private set; } = null!;

    public static string OutputPath => CniDir + "/00-multus.conf";

    public void AddCni(string name, string content) => FileSystem.File.WriteAllText(CniDir + "/" + name, content);

    public void SetConfig(string key, string value) => FileSystem.File.WriteAllText(ConfigDir + "/" + key, value);

    public string? Output => FileSystem.File.Exists(OutputPath) ? FileSystem.File.ReadAllText(OutputPath) : null;

    /// <summary>Log events with this id (the names are in <see cref="LogEvents"/>).</summary>
    public int LogCount(int eventId) => Logs.GetSnapshot().Count(r => r.Id.Id == eventId);

    /// <summary>Runs the pass <c>run</c> makes before the host exists; <paramref name="between"/> runs before the loop starts.</summary>
    public async Task StartWithEarlyPassAsync(Action between)
    {
        var loader = new SettingsLoader(FileSystem, Probe, Environment, new Dictionary<string, string?>());
        Pipeline = AotAgent.Reconciliation.Pipeline.Create(FileSystem, Probe, DirectorySync, Time);
        var stale = Pipeline.Output.CleanStaleTempFiles(CniDir);
        var first = Pipeline.Run(loader.Load(), write: true);
        between();
        await StartAsync(new StartupPass(first, stale));
    }

    public Task StartAsync()
    {
        Pipeline = AotAgent.Reconciliation.Pipeline.Create(FileSystem, Probe, DirectorySync, Time);
        return StartAsync(StartupPass.None);
    }

    private async Task StartAsync(StartupPass startup)
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Debug));
        var loader = new SettingsLoader(FileSystem, Probe, Environment, new Dictionary<string, string?>());
        var settings = loader.Load(out var configuration);
        Live = new LiveSettings(loader, settings, configuration, Metrics, loggerFactory.CreateLogger<LiveSettings>());
        Signal = new ChangeSignal(Time);
        var watch = new WatchSupervisor(FileSystem, Probe, Watchers, Signal, new WatchReporter(Metrics, loggerFactory.CreateLogger<WatchReporter>()));
        Status = new DaemonStatus(Time, Signal);
        Time.Progress = () => Status.Passes;
        var reporter = new PassReporter(Metrics, Status, Time, loggerFactory.CreateLogger<PassReporter>());
        Trim = new IdleTrim(Time, () => Allocated, () => Collections++);
        Loop = new ReconcileLoop(Live, Pipeline, watch, Signal, reporter, startup, Trim, Time);
        await Loop.StartAsync(CancellationToken.None);
        await WaitForPasses(startup.Result is null ? 1 : 2);
    }

    /// <summary>
    /// Waits (real time, generous) until the loop has recorded <paramref name="passes"/> passes and then parked again with
    /// its timer armed: advancing fake time earlier would be lost.
    /// </summary>
    public async Task WaitForPasses(long passes)
    {
        await WaitUntil(() => Status.Passes >= passes, $"{passes} passes");
        await WaitUntil(() => Time.ProgressAtLastTimer >= passes, "the loop to park");
    }

    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Runs <paramref name="trigger"/> and waits for the one pass it causes.</summary>
    public async Task Next(Action trigger)
    {
        var passes = Status.Passes;
        trigger();
        await WaitForPasses(passes + 1);
    }

    /// <summary>Fires a CniDir event and waits for the pass it causes.</summary>
    public Task FireCniEvent() => Next(() => Watchers.Fire(CniDir));

    public Task FireConfigEvent() => Next(() => Watchers.Fire(ConfigDir));

    /// <summary>Advances fake time and waits for the pass the timer causes.</summary>
    public Task Advance(TimeSpan by) => Next(() => Time.Advance(by));

    public async Task StopAsync()
    {
        await Loop.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Loop.StopAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
        }

        Loop.Dispose();
        _stop.Dispose();
    }

    public static string Conflist(string name, string type, string cniVersion = "0.4.0") =>
        $$$"""{"cniVersion":"{{{cniVersion}}}","name":"{{{name}}}","plugins":[{"type":"{{{type}}}","capabilities":{"portMappings":true}}]}""";

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
