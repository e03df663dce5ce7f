using System.Globalization;
using System.Text.Json;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// GETs against the agent's loopback endpoints; transport errors come back as status 0 (the test decides).
/// <paramref name="firstRequestGate"/>, when given, is awaited once before the first request (see AgentProcess).
/// </summary>
public sealed class HttpProbe(int port, Func<Task>? firstRequestGate = null) : IDisposable
{
    private readonly Lazy<Task> _gate = new(() => firstRequestGate?.Invoke() ?? Task.CompletedTask);
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    public int Port => port;

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        await _gate.Value;
        try
        {
            using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.Message);
        }
        catch (TaskCanceledException ex)
        {
            return (0, "timeout: " + ex.Message);
        }
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path)
    {
        await _gate.Value;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await _client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.Message);
        }
        catch (TaskCanceledException ex)
        {
            return (0, "timeout: " + ex.Message);
        }
    }

    public async Task<PrometheusText> MetricsAsync()
    {
        var (status, body) = await GetAsync("/metrics");
        Assert.True(status == 200, $"/metrics answered {status}: {body}");
        return new PrometheusText(body);
    }

    public async Task<JsonElement> StatusAsync()
    {
        var (status, body) = await GetAsync("/status");
        Assert.True(status == 200, $"/status answered {status}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public void Dispose() => _client.Dispose();
}
