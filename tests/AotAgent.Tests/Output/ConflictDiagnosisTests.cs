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
    [InlineData(null, false, false, "deleted it")]
    [InlineData("{\"type\":\"istio-cni\"}", true, false, "chained CNI installer")]
    [InlineData("{\"type\":\"multus-shim\"}", true, false, "second Multus config generator")]
    [InlineData("{\"type\":\"calico\"}", true, false, "another writer")]
    public void LikelyCause_Evidence_NamesCulprit(string? content, bool exists, bool ciliumBackup, string expected)
    {
        var cause = ConflictDiagnosis.LikelyCause(content is null ? null : Encoding.UTF8.GetBytes(content), exists, ciliumBackup);

        Assert.Contains(expected, cause, StringComparison.Ordinal);
    }
}
