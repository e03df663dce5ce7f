using AotAgent.Commands;
using AotAgent.Configuration;

namespace AotAgent.Tests.Commands;

public sealed class CommandInputTests
{
    [Fact]
    public void ToConfiguration_SetsAndDirectories_BecomeKeys()
    {
        var input = new CommandInput("/cni", "/cfg", ["Primary__Prefer=file:a=b.conf", "CniDir=/ignored"]);

        var keys = input.ToConfiguration();

        Assert.Equal("file:a=b.conf", keys["Primary:Prefer"]);
        Assert.Equal("/cni", keys["CniDir"]);
        Assert.Equal("/cfg", keys["ConfigDir"]);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    public void ToConfiguration_NotKeyValue_ConfigurationException(string set)
    {
        var ex = Assert.Throws<ConfigurationException>(() => new CommandInput(null, null, [set]).ToConfiguration());

        Assert.StartsWith($"invalid configuration: --set='{set}'", ex.Message, StringComparison.Ordinal);
    }
}
