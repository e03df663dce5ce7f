using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The native binary as a child process: arguments, a clean environment (no inherited AOTAGENT_ variables: the agent
/// would refuse any unknown AOTAGENT_ variable), captured stdout/stderr lines, SIGTERM and SIGKILL.
/// </summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AgentProcess(Process process, int port, int probePort, IReadOnlyList<string> arguments)
    {
        _process = process;
        Port = port;
        ProbePort = probePort;
        Arguments = arguments;
        Http = new HttpProbe(port);
        ProbeHttp = new HttpProbe(probePort);
    }

    private Task<bool> WaitUntilServingAsync() =>
        Wait.UntilAsync(() => HasExited || StdoutLines.Any(l => l.Contains("Serving HTTP on", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

    public int Port { get; }

    /// <summary>The 127.0.0.1 probe listener (<c>Http__ProbePort</c>): /healthz and /readyz, with their own connection cap.</summary>
    public int ProbePort { get; }

    /// <summary>GETs against the probe listener, as the kubelet's probes in the chart.</summary>
    public HttpProbe ProbeHttp { get; }

    public IReadOnlyList<string> Arguments { get; }

    public HttpProbe Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> StderrLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>The last lines of both streams, for assertion messages.</summary>
    public string Tail(int lines = 15)
    {
        var o = StdoutLines;
        var e = StderrLines;
        return $"agent pid {SafePid()} stdout (last {Math.Min(lines, o.Count)} of {o.Count}): [{string.Join(" | ", o.TakeLast(lines))}] stderr: [{string.Join(" | ", e.TakeLast(lines))}]";
    }

    /// <summary>Parsed JSON log lines (Logging__Console__FormatterName=json); non-JSON lines are skipped.</summary>
    public IReadOnlyList<JsonElement> JsonLogs()
    {
        var result = new List<JsonElement>();
        foreach (var line in StdoutLines)
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                result.Add(doc.RootElement.Clone());
            }
            catch (JsonException)
            {
            }
        }

        return result;
    }

    /// <summary>The agent's own log events with the given id (JSON logs); the host's and Kestrel's ids are another numbering.</summary>
    public IReadOnlyList<JsonElement> Events(int eventId) =>
        JsonLogs().Where(l => l.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == eventId
            && l.TryGetProperty("Category", out var category) && category.GetString()!.StartsWith("AotAgent.", StringComparison.Ordinal)).ToList();

    public static int FreePort(int except = 0)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port != except)
            {
                return port;
            }
        }
    }

    /// <summary>Starts the daemon on <paramref name="dir"/> with loopback HTTP on free ports (main and probe) and JSON logs.</summary>
    public static AgentProcess StartDaemon(CniDirectory dir, params string[] sets) => StartDaemon(dir.Cni, dir.Config, sets, null);

    public static AgentProcess StartDaemon(string cniDir, string configDir, IEnumerable<string> sets, IDictionary<string, string>? environment)
    {
        var port = FreePort();
        var probePort = FreePort(except: port);
        var args = new List<string>
        {
            "run", "--cni-dir", cniDir, "--config-dir", configDir, "--set", "Http__Address=127.0.0.1",
            "--set", $"Http__Port={port.ToString(CultureInfo.InvariantCulture)}", "--set", $"Http__ProbePort={probePort.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (var set in sets)
        {
            args.Add("--set");
            args.Add(set);
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["AOTAGENT_Logging__Console__FormatterName"] = "json" };
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                env[k] = v;
            }
        }

        return Start(args, env, port, probePort);
    }

    public static AgentProcess Start(IReadOnlyList<string> arguments, IDictionary<string, string>? environment, int port = 0, int probePort = 0)
    {
        // The binary, or its runner (AOT_AGENT_RUNNER, e.g. qemu-user) with the binary as the first argument, started as
        // the kubelet starts a container: SIGHUP at its default disposition. A test run under nohup (or anything that
        // ignores SIGHUP) would otherwise pass the ignore on, and .NET, like any well-behaved program, keeps it ignored.
        // `env` execs in place, so the PID stays the agent's.
        string[] command = ["env", "--default-signal=HUP", .. AgentBinary.Command];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1).Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AOTAGENT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                info.Environment[k] = v;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        AgentProcess? agent = null;
        process.OutputDataReceived += (_, e) => agent!.OnLine(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => agent!.OnLine(e.Data, stderr: true);
        agent = new AgentProcess(process, port, probePort, arguments);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Runs a one-shot verb to completion (or kills it after <paramref name="timeout"/> and fails).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> RunAsync(IReadOnlyList<string> arguments, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var agent = Start(arguments, environment);
        var exited = await agent.WaitForExitAsync(timeout);
        if (!exited)
        {
            agent.Kill();
            Assert.Fail($"aot-agent {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0}s (hang); {agent.Tail()}");
        }

        return (agent.ExitCode, string.Join('\n', agent.StdoutLines), string.Join('\n', agent.StderrLines), clock.Elapsed);
    }

    private void OnLine(string? line, bool stderr)
    {
        if (line is null)
        {
            (stderr ? _stderrClosed : _stdoutClosed).TrySetResult();
            return;
        }

        lock (_lock)
        {
            (stderr ? _stderr : _stdout).Add(line);
        }
    }

    /// <summary>Waits for exit and for both streams to be drained.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>Sends SIGTERM (.NET has no API for it; <c>kill -TERM</c> does).</summary>
    public void Terminate() => Signal("-TERM");

    /// <summary>Sends SIGHUP: the daemon re-reads its configuration.</summary>
    public void Hangup() => Signal("-HUP");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Waits until /readyz answers 200 (or fails the test with the state).</summary>
    public async Task WaitReadyAsync(CniDirectory dir, TimeSpan? timeout = null)
    {
        await Wait.Until(async () => !HasExited && (await Http.GetAsync("/readyz")).Status == 200, timeout ?? TimeSpan.FromSeconds(15),
            () => $"agent never became ready; {dir.Describe()}; {Tail()}");
    }

    private string SafePid()
    {
        try
        {
            return _process.Id.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
            _process.WaitForExit(5000);
        }

        Http.Dispose();
        ProbeHttp.Dispose();
        _process.Dispose();
    }
}
