using System.Text;
using AotAgent.Configuration;
using AotAgent.Resolution;

namespace AotAgent.Benchmarks;

/// <summary>CNI configs and settings shaped like a real node: an AWS VPC CNI primary and many other candidates.</summary>
public static class Fixtures
{
    public const string PrimaryFile = "10-aws.conflist";

    /// <summary>The AWS VPC CNI conflist, as the aws-node DaemonSet writes it.</summary>
    public static byte[] AwsConflist(int seq = 0) => Encoding.UTF8.GetBytes($$"""
        {
          "cniVersion": "0.4.0",
          "name": "aws-cni",
          "disableCheck": true,
          "bench_seq": {{seq}},
          "plugins": [
            {
              "name": "aws-cni",
              "type": "aws-cni",
              "vethPrefix": "eni",
              "mtu": "9001",
              "podSGEnforcingMode": "strict",
              "pluginLogFile": "/var/log/aws-routed-eni/plugin.log",
              "pluginLogLevel": "DEBUG",
              "capabilities": { "io.kubernetes.cri.pod-annotations": true }
            },
            {
              "name": "egress-cni",
              "type": "egress-cni",
              "mtu": "9001",
              "enabled": "false",
              "randomizeSNAT": "prng",
              "nodeIP": "",
              "ipam": { "type": "host-local", "ranges": [[{ "subnet": "169.254.172.0/22" }]], "routes": [{ "dst": "::/0" }], "dataDir": "/run/cni/v4pd/egress-v6-ipam" },
              "pluginLogFile": "/var/log/aws-routed-eni/egress-v6-plugin.log",
              "pluginLogLevel": "DEBUG"
            },
            { "type": "portmap", "capabilities": { "portMappings": true }, "snat": true }
          ]
        }

        """);

    /// <summary>A valid candidate that no selector prefers (what fills CniDir in the scale workload).</summary>
    public static byte[] OtherConflist(int i) => Encoding.UTF8.GetBytes($$"""
        {
          "cniVersion": "0.4.0",
          "name": "other-{{i}}",
          "plugins": [
            { "type": "bridge", "bridge": "cni{{i % 100}}", "isGateway": true, "ipMasq": true, "ipam": { "type": "host-local", "subnet": "10.{{i % 250}}.0.0/16" } },
            { "type": "portmap", "capabilities": { "portMappings": true } }
          ]
        }

        """);

    public static string OtherName(int i) => $"20-other-{i:D5}.conflist";

    public static AgentSettings Settings(string cniDir, MultusMode mode = MultusMode.Thin) => new()
    {
        CniDir = cniDir,
        ConfigDir = "/nonexistent-config",
        Prefer = [new Selector(SelectorKind.File, PrimaryFile)],
        Exclude = [],
        InvalidGrace = TimeSpan.FromSeconds(5),
        Mode = mode,
        ConfName = "00-multus",
        NetworkName = "multus-cni-network",
        CniVersion = mode == MultusMode.Thick ? "0.3.1" : null,
        Kubeconfig = "/etc/cni/net.d/multus.d/multus.kubeconfig",
        ClusterNetworkDir = "/host/etc/cni/net.d",
        OptionalKeys = [],
        FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        ConflictBudget = 5,
        DryRun = false,
        CleanupOnExit = false,
        Resync = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromSeconds(1),
        HttpAddress = "127.0.0.1",
        HttpPort = 0,
    };

    /// <summary>What the scanner returns for the primary plus <paramref name="others"/> candidates, in ordinal order.</summary>
    public static ScanResult Scan(int others)
    {
        var files = new List<ScannedFile>(others + 1) { new(PrimaryFile, AwsConflist(), null) };
        for (var i = 0; i < others; i++)
        {
            files.Add(new ScannedFile(OtherName(i), OtherConflist(i), null));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ScanResult(true, files, true);
    }

    /// <summary>Writes the same files to a real directory (for the on-disk pass).</summary>
    public static void WriteDirectory(string dir, int others)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, PrimaryFile), AwsConflist());
        for (var i = 0; i < others; i++)
        {
            File.WriteAllBytes(Path.Combine(dir, OtherName(i)), OtherConflist(i));
        }
    }
}
