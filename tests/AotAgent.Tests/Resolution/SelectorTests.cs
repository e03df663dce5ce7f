using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

public sealed class SelectorTests
{
    private static readonly CniNetwork Aws = CniConfigParser.Parse(
        "10-aws.conflist", CniJson.Bytes(CniJson.List("aws-cni", types: ["aws-cni", "egress-cni", "portmap"])), out _)!;

    [Theory]
    [InlineData("10-aws.conflist", "File", "10-aws.conflist")]
    [InlineData("file:10-aws.conflist", "File", "10-aws.conflist")]
    [InlineData("name:aws-cni", "Name", "aws-cni")]
    [InlineData("type:calico", "Type", "calico")]
    [InlineData("plugin: cilium-cni", "Plugin", "cilium-cni")]
    public void TryParse_Kinds_ParsedWithPattern(string text, string kind, string pattern)
    {
        var selector = Selector.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new Selector(Enum.Parse<SelectorKind>(kind), pattern), selector);
    }

    [Theory]
    [InlineData("colour:red", "unknown kind 'colour'")]
    [InlineData("File:x.conf", "unknown kind 'File'")]
    [InlineData("type:", "empty pattern")]
    public void TryParse_BadSelector_NullWithError(string text, string error)
    {
        Assert.Null(Selector.TryParse(text, out var message));
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a\nb\r\nc", new[] { "a", "b", "c" })]
    [InlineData(" a , ,\n\n b ", new[] { "a", "b" })]
    [InlineData("", new string[0])]
    [InlineData(null, new string[0])]
    public void Split_CommaOrNewlineSeparated_BlankEntriesSkipped(string? list, string[] expected)
    {
        Assert.Equal(expected, Selector.Split(list));
    }

    [Theory]
    [InlineData("file:10-aws.conflist", true)]
    [InlineData("file:10-*.conflist", true)]
    [InlineData("file:1?-aws.conflist", true)]
    [InlineData("file:10-AWS.conflist", false)]
    [InlineData("file:*.conf", false)]
    [InlineData("name:aws-*", true)]
    [InlineData("name:AWS-CNI", false)]
    [InlineData("type:aws-cni", true)]
    [InlineData("type:portmap", false)]
    [InlineData("plugin:portmap", true)]
    [InlineData("plugin:egress-*", true)]
    [InlineData("plugin:calico", false)]
    public void Matches_GlobsCaseSensitive(string text, bool expected)
    {
        var selector = Selector.TryParse(text, out _)!;

        Assert.Equal(expected, selector.Matches("10-aws.conflist", Aws));
    }

    [Theory]
    [InlineData("name:*")]
    [InlineData("type:*")]
    [InlineData("plugin:*")]
    public void Matches_ContentSelectorWithoutNetwork_False(string text)
    {
        Assert.False(Selector.TryParse(text, out _)!.Matches("x.conf", null));
    }

    [Fact]
    public void ToString_RoundTripsKindAndPattern()
    {
        Assert.Equal("file:10-aws.conflist", Selector.TryParse("10-aws.conflist", out _)!.ToString());
        Assert.Equal("plugin:x*", new Selector(SelectorKind.Plugin, "x*").ToString());
    }
}
