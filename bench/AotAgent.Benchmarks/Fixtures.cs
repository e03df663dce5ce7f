using System.Text;
using AotAgent.Configuration;
using AotAgent.Resolution;

namespace AotAgent.Benchmarks;

/// <summary>CNI configs and settings shaped like a real node: an AWS VPC CNI primary and many other candidates.</summary>
internal static class Fixtures
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

    /// <summary>Settings through the agent's own parser: the AWS primary preferred, HTTP off, thin unless told.</summary>
    public static AgentSettings Settings(string cniDir, string mode = "thin")
    {
        var values = new Dictionary<string, string?>
        {
            ["CniDir"] = cniDir,
            ["ConfigDir"] = "/nonexistent-config",
            ["Primary:Prefer"] = "file:" + PrimaryFile,
            ["Multus:Mode"] = mode,
            ["Http:Port"] = "0",
        };
        var settings = SettingsParser.Parse(values, out var errors);
        return errors.Count == 0 ? settings : throw new InvalidOperationException(string.Join("; ", errors));
    }

    /// <summary>What the scanner returns for the primary plus <paramref name="others"/> candidates, in ordinal order.</summary>
    public static ScanResult Scan(int others)
    {
        var files = new List<ScannedFile>(others + 1) { new(PrimaryFile, AwsConflist(), null) };
        for (var i = 0; i < others; i++)
        {
            files.Add(new ScannedFile(OtherName(i), OtherConflist(i), null));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ScanResult(true, [.. files.Select(f => f with { Parsed = new ParseOutcome(CniConfigParser.Parse(f.Name, f.Content, out var problem), problem) })], true);
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
