using AotAgent.Configuration;

namespace AotAgent.Tests.Configuration;

/// <summary>Issue 11: <c>Http__Address</c> takes IP literals only, and the probe listener needs a port of its own.</summary>
public sealed class HttpSettingsTests
{
    private static (HttpSettings Http, IReadOnlyList<ConfigError> Errors) Parse(params (string Key, string Value)[] keys)
    {
        var settings = SettingsParser.Parse(keys.Select(k => new KeyValuePair<string, string?>(KeySpelling.ToPath(k.Key), k.Value)), out var errors);
        return (settings.Http, errors);
    }

    [Fact]
    public void Defaults_DualStackMainListener_ProbeListenerOnItsOwnPort()
    {
        var (http, errors) = Parse();

        Assert.Empty(errors);
        Assert.Equal(("::", 9747, 9748), (http.Address, http.Port, http.ProbePort));
        Assert.Equal("[::]:9747 (dual-stack), probes on 127.0.0.1:9748", http.Describe());
    }

    [Theory]
    [InlineData("::", "::", "[::]:9747 (dual-stack)")]
    [InlineData("0.0.0.0", "0.0.0.0", "0.0.0.0:9747 (IPv4 only)")]
    [InlineData("10.0.0.5", "10.0.0.5", "10.0.0.5:9747")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1:9747")]
    [InlineData("fd00::5", "fd00::5", "[fd00::5]:9747")]
    [InlineData("FD00:0:0::5", "fd00::5", "[fd00::5]:9747")]
    [InlineData("::1", "::1", "[::1]:9747")]
    public void Address_IpLiteral_IsTakenAsWritten(string text, string stored, string described)
    {
        var (http, errors) = Parse(("Http__Address", text));

        Assert.Empty(errors);
        Assert.Equal(stored, http.Address);
        Assert.StartsWith(described + ",", http.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost", "host names are not resolved")]
    [InlineData("node-1.example.com", "host names are not resolved")]
    [InlineData("127.1", "not written as a plain IPv4")]
    [InlineData("010.0.0.1", "not written as a plain IPv4")]
    [InlineData("0x7f.0.0.1", "not written as a plain IPv4")]
    [InlineData("4294967295", "not written as a plain IPv4")]
    [InlineData("[::1]", "not written as a plain IPv4")]
    [InlineData("fe80::1%eth0", "not written as a plain IPv4")]
    [InlineData("1.2.3.4.5", "not an IP address")]
    [InlineData("::g", "not an IP address")]
    public void Address_NotAnIpLiteral_IsAConfigurationError(string text, string detail)
    {
        var (_, errors) = Parse(("Http__Address", text));

        var error = Assert.Single(errors);
        Assert.Equal("Http__Address", error.Key);
        Assert.Contains(detail, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("expected an IP address literal", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ProbePort_SameAsPort_IsAConfigurationError()
    {
        var (_, errors) = Parse(("Http__Port", "9000"), ("Http__ProbePort", "9000"));

        var error = Assert.Single(errors);
        Assert.Equal("Http__ProbePort", error.Key);
        Assert.Contains("a port of its own", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ProbePort_Zero_NoProbeListener_EvenWithHttpOff()
    {
        Assert.Empty(Parse(("Http__Port", "0"), ("Http__ProbePort", "0")).Errors);
        var (http, errors) = Parse(("Http__ProbePort", "0"));

        Assert.Empty(errors);
        Assert.Equal("[::]:9747 (dual-stack), no probe listener", http.Describe());
    }
}
