using AotAgent.Http;

namespace AotAgent.Tests.Http;

public sealed class HttpEndpointServerTests
{
    [Theory]
    [InlineData("0.0.0.0", new[] { "http://+:9747/" })]
    [InlineData("::", new[] { "http://+:9747/" })]
    [InlineData("127.0.0.1", new[] { "http://127.0.0.1:9747/", "http://localhost:9747/" })]
    [InlineData("10.0.0.5", new[] { "http://10.0.0.5:9747/" })]
    [InlineData("::1", new[] { "http://[::1]:9747/", "http://localhost:9747/" })]
    public void Prefixes_Address_MatchesWhatProbesSend(string address, string[] expected) =>
        Assert.Equal(expected, HttpEndpointServer.Prefixes(address, 9747));
}
