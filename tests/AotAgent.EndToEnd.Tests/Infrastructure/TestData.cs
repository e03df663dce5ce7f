namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>The corpus configs copied into TestData/ (see TestData/SOURCES.md).</summary>
public static class TestData
{
    public const string Aws = "aws-vpc-cni__10-aws.conflist";
    public const string Calico = "calico__10-calico.conflist";
    public const string Flannel = "flannel__10-flannel.conflist";
    public const string DbNet = "containernetworking-SPEC-example__dbnet.conflist";

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    /// <summary>The on-disk name: the part after <c>__</c>.</summary>
    public static string DiskName(string name) => name[(name.IndexOf("__", StringComparison.Ordinal) + 2)..];
}
