using System.IO.Abstractions.TestingHelpers;
using System.Text;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Hosting;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Watching;
using Microsoft.Extensions.Logging;
using AotAgent.Resolution;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// The daemon wired on MockFileSystem, FakeTimeProvider and the fake watcher, as AddAgent wires it for real.
/// The worker runs on its own thread; tests drive it with events and time, then wait for the pass count to move.
/// </summary>
public sealed class DaemonHarness : IAsyncDisposable
{
    public const string CniDir = "/host/etc/cni/net.d";
    public const string ConfigDir = "/etc/aot-agent";

    private readonly CancellationTokenSource _stop = new();

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

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public FakeDirectoryWatcherFactory Watchers { get; } = new();

    public RecordingDirectorySync DirectorySync { get; } = new();

    public Dictionary<string, string?> Environment { get; }

    public AgentMetrics Metrics { get; } = new(Prometheus.Metrics.NewCustomRegistry());

    public CollectingLoggerProvider Logs { get; } = new();

    public DaemonStatus Status { get; private set; } = null!;

    public ChangeSignal Signal { get; private set; } = null!;

    public ReconcileWorker Worker { get; private set; } = null!;

    public LiveSettings Live { get; private set; } = null!;

    public static string OutputPath => CniDir + "/00-multus.conf";

    public void AddCni(string name, string content) => FileSystem.File.WriteAllText(CniDir + "/" + name, content);

    public void SetConfig(string key, string value) => FileSystem.File.WriteAllText(ConfigDir + "/" + key, value);

    public string? Output => FileSystem.File.Exists(OutputPath) ? FileSystem.File.ReadAllText(OutputPath) : null;

    /// <summary>Runs the pass <c>run</c> makes before the host exists; <paramref name="between"/> runs before the worker starts.</summary>
    public async Task StartWithEarlyPassAsync(Action between)
    {
        var loader = new SettingsLoader(FileSystem, Environment, new Dictionary<string, string?>());
        var writer = new AtomicFileWriter(FileSystem, DirectorySync);
        var stale = writer.CleanStaleTempFiles(CniDir);
        var first = new Reconciler(FileSystem, new CniDirectoryScanner(FileSystem), writer, Time).Run(loader.Load(), previous: null, write: true);
        between();
        await StartAsync(new StartupPass(first, stale));
    }

    public Task StartAsync() => StartAsync(StartupPass.None);

    private async Task StartAsync(StartupPass startup)
    {
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        var loader = new SettingsLoader(FileSystem, Environment, new Dictionary<string, string?>());
        var settings = loader.Load(out var configuration);
        Live = new LiveSettings(loader, settings, configuration, Metrics, loggerFactory.CreateLogger<LiveSettings>());
        Signal = new ChangeSignal();
        var signal = Signal;
        var watch = new WatchSupervisor(FileSystem, Watchers, signal, Metrics, loggerFactory.CreateLogger<WatchSupervisor>());
        Status = new DaemonStatus(Time);
        var writer = new AtomicFileWriter(FileSystem, DirectorySync);
        var reconciler = new Reconciler(FileSystem, new CniDirectoryScanner(FileSystem), writer, Time);
        Worker = new ReconcileWorker(FileSystem, Live, reconciler, writer, watch, signal, Metrics, Status, startup, Time, loggerFactory.CreateLogger<ReconcileWorker>());
        await Worker.StartAsync(CancellationToken.None);
        await WaitForPasses(1);
    }

    /// <summary>Waits (real time, generous) until the worker has run at least <paramref name="passes"/> passes.</summary>
    public async Task WaitForPasses(long passes)
    {
        await WaitUntil(() => Worker.Passes >= passes, $"{passes} passes");

        // The pass is done when the loop is parked again with its timer armed; advancing fake time earlier would be lost.
        await WaitUntil(() => Signal.IsWaiting, "the loop to park");
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

    /// <summary>Fires a CniDir event and waits for the pass it causes.</summary>
    public async Task FireCniEvent()
    {
        var before = Worker.Passes;
        Watchers.Fire(CniDir);
        await WaitForPasses(before + 1);
    }

    public async Task FireConfigEvent()
    {
        var before = Worker.Passes;
        Watchers.Fire(ConfigDir);
        await WaitForPasses(before + 1);
    }

    /// <summary>Advances fake time and waits for the pass the timer causes.</summary>
    public async Task Advance(TimeSpan by)
    {
        var before = Worker.Passes;
        Time.Advance(by);
        await WaitForPasses(before + 1);
    }

    public async Task StopAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Worker.StopAsync(CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
        }

        Worker.Dispose();
        _stop.Dispose();
    }

    public static string Conflist(string name, string type, string cniVersion = "0.4.0") =>
        $$$"""{"cniVersion":"{{{cniVersion}}}","name":"{{{name}}}","plugins":[{"type":"{{{type}}}","capabilities":{"portMappings":true}}]}""";

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
