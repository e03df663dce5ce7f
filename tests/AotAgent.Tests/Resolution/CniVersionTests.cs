using AotAgent.Resolution;

namespace AotAgent.Tests.Resolution;

public sealed class CniVersionTests
{
    [Theory]
    [InlineData("0.3.1", 0, 3, 1)]
    [InlineData("1.0.0", 1, 0, 0)]
    [InlineData("1.1", 1, 1, 0)]
    [InlineData("0.10.0", 0, 10, 0)]
    public void TryParse_Versions_Numeric(string text, int major, int minor, int patch)
    {
        Assert.True(CniVersion.TryParse(text, out var version));
        Assert.Equal(new Version(major, minor, patch), version);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("1..0")]
    [InlineData("1.0.0-rc1")]
    [InlineData("1234567.0.0")]
    public void TryParse_NotAVersion_False(string? text)
    {
        Assert.False(CniVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0.3.1", 0, 4, false)]
    [InlineData("0.4.0", 0, 4, true)]
    [InlineData("0.10.0", 0, 4, true)]
    [InlineData("0.4.0", 1, 0, false)]
    [InlineData("1.1.0", 1, 0, true)]
    [InlineData("junk", 0, 0, false)]
    public void AtLeast_ComparesNumerically(string text, int major, int minor, bool expected)
    {
        Assert.Equal(expected, CniVersion.AtLeast(text, major, minor));
    }

    /// <summary>libcni v1.3.0's choice among cniVersions and cniVersion (an empty cniVersion is no candidate).</summary>
    [Theory]
    [InlineData("0.3.1", "1.0.0,9.9.9,0.4.0", "1.0.0")]
    [InlineData("9.9.9", "0.4.0", "0.4.0")]
    [InlineData("2.0.0", "3.0.0", "2.0.0")]
    [InlineData("1.1.0", "1.1", "1.1")]
    [InlineData("1.1", "1.1.0", "1.1.0")]
    [InlineData("", "0.0.5", "0.0.5")]
    [InlineData("", "9.9.9", "")]
    public void Effective_LibcniChoice(string cniVersion, string cniVersions, string expected)
    {
        Assert.Equal(expected, CniVersion.Effective(cniVersion, cniVersions.Split(',')));
    }
}
