using System.Text;
using AotAgent.Resolution;

namespace AotAgent.Tests.Resolution;

/// <summary>A reason is marked as the agent's own rule only when libcni itself would load the file.</summary>
public sealed class AgentRuleTests
{
    private static string Reason(string json) => CniConfigParser.Parse("x.conflist", Encoding.UTF8.GetBytes(json), out var problem) is null ? problem! : "loaded";

    [Fact]
    public void TruncatedJson_LibcniRefusesToo() =>
        Assert.False(CniConfigParser.LibcniLoads(Reason("{\"cniVersion\":")));

    [Fact]
    public void DeeperThan64_OnlyTheAgentRefuses()
    {
        var deep = "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"x\":" + new string('[', 64) + new string(']', 64) + ",\"plugins\":[{\"type\":\"bridge\"}]}";

        Assert.True(CniConfigParser.LibcniLoads(Reason(deep)));
    }

    [Fact]
    public void MissingCniVersion_OnlyTheAgentRefuses() =>
        Assert.True(CniConfigParser.LibcniLoads(Reason("{\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]}")));
}
