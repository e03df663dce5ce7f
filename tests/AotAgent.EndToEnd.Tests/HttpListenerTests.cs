using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 11: where the agent listens. <c>::</c> is dual-stack, <c>0.0.0.0</c> is IPv4 only, the probe listener is on
/// 127.0.0.1 with only the probes, and a port that is taken fails the start with one line naming both listeners.
/// </summary>
public sealed class HttpListenerTests(ITestOutputHelper output)
{
    private static async Task<int> Get(IPAddress address, int port, string path)
    {
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}{path}"));
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>Whether this machine can bind IPv6 loopback at all (a container may have IPv6 disabled).</summary>
    private static bool HasIPv6Loopback()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task AnyV6_IsDualStack_IPv4AndIPv6LoopbackBothAnswer()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir, "Http__Address=::");
        await agent.WaitReadyAsync(dir);

        Assert.Equal(200, await Get(IPAddress.Loopback, agent.Port, "/healthz"));
        if (HasIPv6Loopback())
        {
            Assert.Equal(200, await Get(IPAddress.IPv6Loopback, agent.Port, "/healthz"));
            Assert.Contains(agent.JsonLogs(), l => l.GetProperty("Message").GetString()!.Contains("Serving HTTP on [::]:", StringComparison.Ordinal));
            output.WriteLine("Http__Address=:: answered on 127.0.0.1 and [::1]");
        }
        else
        {
            // No IPv6 on this machine: '::' falls back to IPv4 instead of failing the start.
            output.WriteLine("no IPv6 loopback here: Http__Address=:: served IPv4 only, as documented");
        }
    }

    [Fact]
    public async Task AnyV4_IsIPv4Only()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir, "Http__Address=0.0.0.0");
        await agent.WaitReadyAsync(dir);

        Assert.Equal(200, await Get(IPAddress.Loopback, agent.Port, "/healthz"));
        Assert.Equal(0, await Get(IPAddress.IPv6Loopback, agent.Port, "/healthz"));
    }

    [Fact]
    public async Task ProbeListener_OnLoopback_OnlyTheProbes()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);

        Assert.Equal(200, (await agent.ProbeHttp.GetAsync("/healthz")).Status);
        Assert.Equal(200, (await agent.ProbeHttp.GetAsync("/readyz")).Status);
        Assert.Equal(404, (await agent.ProbeHttp.GetAsync("/metrics")).Status);
        Assert.Equal(404, (await agent.ProbeHttp.GetAsync("/status")).Status);
        Assert.Equal(405, (await agent.ProbeHttp.SendAsync(HttpMethod.Post, "/healthz")).Status);
        Assert.Equal(200, (await agent.ProbeHttp.SendAsync(HttpMethod.Head, "/readyz")).Status);
    }

    [Fact]
    public async Task ProbePortTaken_Exit1_OneLineNamingBothListeners()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var probePort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var port = AgentProcess.FreePort(except: probePort);

        var (code, _, stderr, elapsed) = await AgentProcess.RunAsync(
            ["run", "--cni-dir", dir.Cni, "--config-dir", dir.Config, "--set", "Http__Address=127.0.0.1", "--set", $"Http__Port={port}", "--set", $"Http__ProbePort={probePort}"],
            new Dictionary<string, string> { ["AOTAGENT_Logging__Console__FormatterName"] = "json" }, TimeSpan.FromSeconds(15));

        Assert.True(code == 1, $"exit {code}, stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot serve HTTP on 127.0.0.1:{port}, probes on 127.0.0.1:{probePort}", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
        Figures.Record(output, "http listeners", $"probe port taken: exit 1 after {elapsed.TotalMilliseconds:F0} ms: {line}");
    }
}
