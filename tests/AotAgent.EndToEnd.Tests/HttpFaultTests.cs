using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: the HTTP side under load and abuse, while the directory churns; the loop keeps its reaction time.</summary>
public sealed class HttpFaultTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int RequestsPerClient = 200;
    private static readonly TimeSpan ReactionBound = TimeSpan.FromSeconds(2);
    private static readonly string[] Paths = ["/healthz", "/readyz", "/metrics", "/status"];

    [Fact]
    public async Task ConcurrentScrapesWhileChurning_AllAnswered_ReactionTimeBounded()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico, "20-calico.conflist");
        // InvalidGrace 0: a primary renamed away is replaced at once, so the reaction time measures the loop, not the grace.
        using var agent = AgentProcess.StartDaemon(dir, "Primary__InvalidGrace=00:00:00");
        await agent.WaitReadyAsync(dir);

        using var stop = new CancellationTokenSource();
        var reactions = new ConcurrentBag<double>();
        var churn = Task.Run(async () =>
        {
            var early = false;
            while (!stop.IsCancellationRequested)
            {
                var (from, to) = early ? ("05-calico.conflist", "20-calico.conflist") : ("20-calico.conflist", "05-calico.conflist");
                var expected = early ? "10-aws.conflist" : "05-calico.conflist";
                var clock = Stopwatch.StartNew();
                File.Move(dir.PathOf(from), dir.PathOf(to));
                early = !early;
                if (!await Wait.UntilAsync(() => dir.OutputPrimary() == expected, TimeSpan.FromSeconds(10)))
                {
                    reactions.Add(double.PositiveInfinity);
                    return;
                }

                reactions.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(100);
            }
        });

        var failures = new ConcurrentQueue<string>();
        var answered = 0;
        var load = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var probe = new HttpProbe(agent.Port);
            for (var i = 0; i < RequestsPerClient; i++)
            {
                var path = Paths[(c + i) % Paths.Length];
                var (status, body) = await probe.GetAsync(path);
                var ok = path == "/readyz" ? status is 200 or 503 : status == 200;
                if (!ok)
                {
                    failures.Enqueue($"{path}: {status} {body}");
                }
                else
                {
                    Interlocked.Increment(ref answered);
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var loadTime = load.Elapsed;
        await stop.CancelAsync();
        await churn;

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Clients * RequestsPerClient} requests failed under load, e.g. {string.Join(" | ", failures.Take(5))}; {agent.Tail()}");
        Assert.True(reactions.Count >= 2, $"only {reactions.Count} primary changes during the load");
        var worst = reactions.Max();
        Figures.Record(output, "http load", $"{Clients} clients x {RequestsPerClient} requests = {answered} answered in {loadTime.TotalSeconds:F1} s while the primary changed {reactions.Count} times; reaction time max {worst:F0} ms, median {reactions.Order().ElementAt(reactions.Count / 2):F0} ms (bound {ReactionBound.TotalMilliseconds:F0} ms)");
        Assert.True(worst <= ReactionBound.TotalMilliseconds, $"reaction time {worst:F0} ms under load exceeds {ReactionBound.TotalMilliseconds} ms; {dir.Describe()}");
        Assert.False(agent.HasExited, agent.Tail());
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task MalformedRequests_ProcessSurvivesAndStillAnswers()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);

        var responses = new List<string>();
        responses.Add("garbage: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("\x16\x03\x01\x02\x00 not http at all \r\n\r\n")));
        responses.Add("binary: " + await Raw(agent.Port, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]));
        responses.Add("huge header: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + new string('a', 70 * 1024) + "\r\n\r\n")));
        responses.Add("many headers: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"X-H{i}: {i}\r\n")) + "\r\n")));
        responses.Add("no host, HTTP/1.0: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("GET /healthz HTTP/1.0\r\n\r\n")));
        responses.Add("bad host: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n")));
        responses.Add("huge path: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("GET /" + new string('p', 100_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")));
        responses.Add("truncated body: " + await Raw(agent.Port, Encoding.ASCII.GetBytes("POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nabc")));

        // Half-open connections that never finish their request.
        var idle = new List<TcpClient>();
        for (var i = 0; i < 50; i++)
        {
            var c = new TcpClient();
            await c.ConnectAsync("127.0.0.1", agent.Port);
            await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            idle.Add(c);
        }

        try
        {
            var post = await agent.Http.SendAsync(HttpMethod.Post, "/readyz");
            Assert.Equal(405, post.Status);
            var delete = await agent.Http.SendAsync(HttpMethod.Delete, "/status");
            Assert.Equal(405, delete.Status);
            var unknown = await agent.Http.GetAsync("/../../etc/passwd");
            Assert.Equal(404, unknown.Status);
            Assert.Equal(200, (await agent.Http.GetAsync("/healthz")).Status);
            Assert.Equal(200, (await agent.Http.GetAsync("/readyz")).Status);
            Assert.Equal(200, (await agent.Http.GetAsync("/metrics")).Status);
        }
        finally
        {
            foreach (var c in idle)
            {
                c.Dispose();
            }
        }

        Assert.False(agent.HasExited, $"the agent died from malformed requests; {agent.Tail()}");

        // The loop still reacts.
        dir.Install(TestData.Calico, "05-calico.conflist");
        await Wait.Until(() => dir.OutputPrimary() == "05-calico.conflist", TimeSpan.FromSeconds(5), () => $"after malformed requests the loop no longer reacts; {dir.Describe()}; {agent.Tail()}");
        foreach (var r in responses)
        {
            output.WriteLine(r);
        }

        Figures.Record(output, "http abuse", $"8 malformed requests (TLS/binary garbage, 70 KiB header, 2,000 headers, HTTP/1.0 without Host, foreign Host, 100 KB path, truncated POST body), 50 half-open connections, POST/DELETE (405), unknown path (404): process alive, probes 200, loop still reacts; first response lines: {string.Join(" | ", responses)}");
    }

    private static async Task<string> Raw(int port, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            // The sending side stays open, as a real client keeps it: Kestrel takes a half-close as the client going away.
            await stream.WriteAsync(request);
        }
        catch (IOException ex)
        {
            return "write failed (" + ex.Message + ")";
        }
        catch (SocketException ex)
        {
            return "write failed (" + ex.Message + ")";
        }

        var buffer = new byte[512];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            return n == 0 ? "closed" : Encoding.ASCII.GetString(buffer, 0, n).Split("\r\n")[0];
        }
        catch (OperationCanceledException)
        {
            return "no answer in 5 s (connection left open)";
        }
        catch (IOException ex)
        {
            return "reset (" + ex.Message + ")";
        }
    }
}
