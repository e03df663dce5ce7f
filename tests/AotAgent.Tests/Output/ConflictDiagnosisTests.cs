using System.Text;
using AotAgent.Output;

namespace AotAgent.Tests.Output;

public sealed class ConflictDiagnosisTests
{
    [Theory]
    [InlineData(null, false, "removed")]
    [InlineData("", true, "emptied")]
    [InlineData("{}", true, "rewritten")]
    public void Describe_State_Named(string? content, bool exists, string expected)
    {
        Assert.Equal(expected, ConflictDiagnosis.Describe(content is null ? null : Encoding.UTF8.GetBytes(content), exists));
    }

    [Theory]
    [InlineData(null, false, true, "cni.exclusive=false")]
    [InlineData(null, false, false, "none found (no .cilium_bak beside it)")]
    [InlineData("{\"type\":\"istio-cni\"}", true, false, "chained CNI installer")]
    [InlineData("{\"type\":\"multus-shim\"}", true, false, "second Multus config generator")]
    [InlineData("{\"type\":\"calico\"}", true, false, "none found: the new content is not a Multus config")]
    public void LikelyCause_Evidence_NamesCulprit(string? content, bool exists, bool ciliumBackup, string expected)
    {
        var cause = ConflictDiagnosis.LikelyCause(content is null ? null : Encoding.UTF8.GetBytes(content), exists, ciliumBackup);

        Assert.Contains(expected, cause, StringComparison.Ordinal);
    }

    /// <summary>The circular warning ("Likely cause: another writer ... rewrote it"): a cause is named, or none found.</summary>
    [Theory]
    [InlineData(null, false, false)]
    [InlineData(null, false, true)]
    [InlineData("{\"type\":\"calico\"}", true, false)]
    [InlineData("{\"type\":\"multus\"}", true, false)]
    [InlineData("", true, false)]
    public void LikelyCause_NeverCircular(string? content, bool exists, bool ciliumBackup)
    {
        var cause = ConflictDiagnosis.LikelyCause(content is null ? null : Encoding.UTF8.GetBytes(content), exists, ciliumBackup);

        Assert.DoesNotContain("another writer", cause, StringComparison.Ordinal);
        Assert.True(cause.StartsWith("none found", StringComparison.Ordinal) || cause.Contains(": ", StringComparison.Ordinal), cause);
    }
}
