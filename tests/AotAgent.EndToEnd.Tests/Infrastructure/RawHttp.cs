using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Plain sockets against the agent, for what HttpClient will not send: half-open, malformed and unread requests.</summary>
public static class RawHttp
{
    /// <summary>Opens <paramref name="count"/> connections, <paramref name="parallel"/> at a time; a connect that fails is counted, not thrown.</summary>
    public static async Task<(List<Socket> Sockets, int Failed)> OpenAsync(int port, int count, int parallel = 100, int? receiveBuffer = null)
    {
        var sockets = new List<Socket>(count);
        var failed = 0;
        for (var start = 0; start < count; start += parallel)
        {
            var batch = Enumerable.Range(start, Math.Min(parallel, count - start)).Select(async _ =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBuffer is { } size)
                {
                    socket.ReceiveBufferSize = size;
                }

                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    return socket;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    return null;
                }
            }).ToList();
            foreach (var socket in await Task.WhenAll(batch))
            {
                if (socket is null)
                {
                    failed++;
                }
                else
                {
                    sockets.Add(socket);
                }
            }
        }

        return (sockets, failed);
    }

    /// <summary>Sends without blocking on a peer that is gone: false when the connection was closed or reset.</summary>
    public static bool TrySend(Socket socket, ReadOnlySpan<byte> bytes)
    {
        try
        {
            socket.Blocking = false;
            var sent = 0;
            while (sent < bytes.Length)
            {
                var n = socket.Send(bytes[sent..], SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    return true;
                }

                if (error != SocketError.Success)
                {
                    return false;
                }

                sent += n;
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the agent has closed this connection: EOF or a reset, after any response bytes it sent (returned in
    /// <paramref name="response"/>). Never blocks.
    /// </summary>
    public static bool ClosedByPeer(Socket socket, out string response)
    {
        response = string.Empty;
        var buffer = new byte[16 * 1024];
        try
        {
            socket.Blocking = false;
            var text = new StringBuilder();
            while (true)
            {
                var n = socket.Receive(buffer, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    response = text.ToString();
                    return false;
                }

                if (error != SocketError.Success || n == 0)
                {
                    response = text.ToString();
                    return true;
                }

                if (text.Length < 4096)
                {
                    text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// Waits (checking every <paramref name="every"/>) until the agent has closed every socket, or the timeout; returns how
    /// many it closed, when the last one went, and what the closed ones had received first (status code, or "none").
    /// </summary>
    public static async Task<(int Closed, TimeSpan Elapsed, string Answers)> AllClosedAsync(IReadOnlyList<Socket> sockets, TimeSpan timeout, TimeSpan? every = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var open = sockets.ToList();
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = TimeSpan.Zero;
        while (open.Count > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
            foreach (var socket in open.ToList())
            {
                if (ClosedByPeer(socket, out var response))
                {
                    open.Remove(socket);
                    last = clock.Elapsed;
                    var key = StatusCode(response.Split("\r\n")[0]) is var code and > 0 ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
                    answers[key] = answers.GetValueOrDefault(key) + 1;
                }
            }
        }

        var summary = string.Join(", ", answers.OrderByDescending(a => a.Value).Select(a => $"{a.Value} {(a.Key == "none" ? "closed without a response" : "answered " + a.Key)}"));
        return (sockets.Count - open.Count, last, summary);
    }

    public static void DisposeAll(IEnumerable<Socket> sockets)
    {
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    /// <summary>
    /// One request on its own connection: the status line, or what happened instead ("closed", "reset", "timeout", or
    /// "non-HTTP bytes" such as an HTTP/2 GOAWAY frame), within <paramref name="timeout"/>. The sending side stays open,
    /// as real clients keep it: Kestrel takes a half-close as the client going away.
    /// </summary>
    public static async Task<string> ExchangeAsync(int port, byte[] request, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            await socket.SendAsync(request, SocketFlags.None, cts.Token);
            var buffer = new byte[1024];
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            var text = Encoding.ASCII.GetString(buffer, 0, n);
            return n == 0 ? "closed" : text.StartsWith("HTTP/", StringComparison.Ordinal) ? text.Split("\r\n")[0] : "non-HTTP bytes";
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode == SocketError.ConnectionReset ? "reset" : "error " + ex.SocketErrorCode;
        }
    }

    /// <summary>The status code of a status line such as <c>HTTP/1.1 200 OK</c>; 0 when there is none.</summary>
    public static int StatusCode(string statusLine) =>
        statusLine.StartsWith("HTTP/", StringComparison.Ordinal) && statusLine.Split(' ') is { Length: >= 2 } parts && int.TryParse(parts[1], out var code) ? code : 0;

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
