using System.IO.Abstractions.TestingHelpers;
using System.Text;
using System.Text.Json;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

/// <summary>
/// The libcni v1.3.0 case table (T01–T137, each verified against the compiled libcni): the parser loads what libcni
/// loads and refuses what it refuses, and a refusal by the agent's own rule (the table's column S) is marked as one.
/// Not here: T63 and T135–T137 are about the runtime's reads (a link to a directory, a dangling link, a FIFO), which
/// the scanner handles before any bytes reach the parser (CniDirectoryScannerTests).
/// </summary>
public sealed class LibcniCasesTests
{
    private const string L = "10-a.conflist";
    private const string C = "10-a.conf";
    private const string J = "10-a.json";
    private const string T01 = """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"}]}""";
    private const string T60List = """{"cniVersion":"1.1.0","name":"n","plugins":[{"type":"bridge"}]}""";

    private static readonly string[] Skipped = ["T63", "T135", "T136", "T137"];

    /// <summary>
    /// One row: <see cref="Loads"/> is libcni's verdict; <see cref="Reason"/> a fragment of the agent's reason when it
    /// refuses; <see cref="AgentOnly"/> marks a refusal by the agent's own rule (libcni loads); <see cref="Thin"/> a
    /// fragment of the agent-rule reason when the file as a Multus thin delegate is refused although libcni loads it.
    /// </summary>
    private sealed record Row(string Id, string File, byte[] Content)
    {
        public bool Loads { get; init; }

        public bool AgentOnly { get; init; }

        public string? Reason { get; init; }

        public string Name { get; init; } = "n";

        public string[] Types { get; init; } = ["bridge"];

        public string[] Capabilities { get; init; } = [];

        /// <summary>libcni's effective cniVersion (its cniVersions rule), when the row is about it.</summary>
        public string? Version { get; init; }

        public string[] Warnings { get; init; } = [];

        public Dictionary<string, PluginDirectory> Directories { get; init; } = [];

        public string? Thin { get; init; }
    }

    private static Row R(string id, string file, string json) => new(id, file, Encoding.UTF8.GetBytes(json));

    private static Row R(string id, string file, byte[] bytes) => new(id, file, bytes);

    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p)];

    private static Dictionary<string, PluginDirectory> Dir(string network, params (string Name, string Json)[] files) =>
        new(StringComparer.Ordinal) { [network] = new PluginDirectory(null, [.. files.Select(f => new ScannedFile(f.Name, Encoding.UTF8.GetBytes(f.Json), null))]) };

    private static string Deep(int arrays) =>
        """{"name":"n","x":""" + new string('[', arrays) + new string(']', arrays) + ""","plugins":[{"type":"bridge"}]}""";

    private static readonly Row[] All =
    [
        R("T01", L, T01) with { Loads = true, Version = "1.0.0" },
        R("T02", C, """{"cniVersion":"0.4.0","name":"n","type":"bridge"}""") with { Loads = true, Version = "0.4.0" },
        R("T03", J, """{"cniVersion":"0.4.0","name":"n","type":"bridge"}""") with { Loads = true },
        R("T04", L, string.Empty) with { Reason = "empty" },
        R("T05", C, "  \n\t ") with { Reason = "empty" },
        R("T06", L, Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, T01)) with { Reason = "UTF-8 byte order mark" },
        R("T07", C, Bytes(new byte[] { 0xFF, 0xFE }, Encoding.Unicode.GetBytes("""{"type":"bridge"}"""))) with { Reason = "UTF-16 byte order mark" },
        R("T08", L, T01 + " {}") with { Reason = "not valid JSON" },
        R("T09", C, """{"type":"bridge"}x""") with { Reason = "not valid JSON" },
        R("T10", C, "{\"type\":\"bridge\"}\n\n") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T11", L, "[]") with { Reason = "not a JSON object" },
        R("T12", L, "1") with { Reason = "not a JSON object" },
        R("T13", L, "null") with { Reason = "no \"name\" string" },
        R("T14", C, "null") with { Reason = "no \"type\" string" },
        R("T15", C, "\"x\"") with { Reason = "not a JSON object" },
        R("T16", L, """{"cniVersion":"1.0.0","plugins":[{"type":"bridge"}]}""") with { Reason = "no \"name\" string" },
        R("T17", L, """{"cniVersion":"1.0.0","name":null,"plugins":[{"type":"bridge"}]}""") with { Reason = "\"name\" is null; libcni needs a string" },
        R("T18", L, """{"cniVersion":"1.0.0","name":5,"plugins":[{"type":"bridge"}]}""") with { Reason = "\"name\" is a number" },
        R("T19", L, """{"cniVersion":"1.0.0","Name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "no \"name\" string" },
        R("T20", L, """{"name":"first","cniVersion":"1.0.0","name":"second","plugins":[{"type":"bridge"}]}""") with { Loads = true, Name = "second", Warnings = ["duplicate key \"name\""] },

        // Plugin directories: "" and "." are CniDir itself, ".." its parent; only *.conf files arrive (the scanner's filter).
        R("T21", L, """{"cniVersion":"1.0.0","name":"","plugins":[{"type":"bridge"}]}""") with
        {
            Loads = true, AgentOnly = true, Reason = "network name \"\"",
            Directories = Dir(string.Empty, ("99-lo.conf", """{"cniVersion":"1.0.0","name":"lo","type":"loopback"}""")),
        },
        R("T22", L, """{"cniVersion":"1.0.0","name":"","plugins":[{"type":"bridge"}]}""") with
        {
            Reason = "99-bad.conf has no \"type\" string, so libcni refuses the list", Directories = Dir(string.Empty, ("99-bad.conf", """{"name":"bad"}""")),
        },
        R("T23", L, """{"cniVersion":"1.0.0","name":".","plugins":[{"type":"bridge"}]}""") with
        {
            Loads = true, AgentOnly = true, Reason = "network name \".\"", Directories = Dir(".", ("99-lo.conf", """{"type":"loopback"}""")),
        },
        R("T24", L, """{"name":"..","plugins":[{"type":"b"}]}""") with
        {
            Loads = true, AgentOnly = true, Reason = "network name \"..\"", Directories = Dir("..", ("99-p.conf", """{"type":"portmap"}""")),
        },
        R("T25", L, T01) with
        {
            Reason = "n/: a file named like the network is in CniDir where libcni expects its plugin directory, so libcni refuses the list",
            Directories = new() { ["n"] = new PluginDirectory("a file named like the network is in CniDir where libcni expects its plugin directory", []) },
        },
        R("T26", L, """{"cniVersion":"1.0.0","name":"a\u0000b","plugins":[{"type":"bridge"}]}""") with { Reason = "NUL character" },
        R("T27", L, """{"cniVersion":1.0,"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersion\" is a number; libcni needs a string" },
        R("T28", L, """{"cniVersion":null,"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersion\" is null" },

        // T29: not marked S in the table, but the agent requires a version-shaped cniVersion.
        R("T29", L, """{"cniVersion":"abc","name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, AgentOnly = true, Reason = "cniVersion \"abc\" is not a version" },
        R("T30", L, """{"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, AgentOnly = true, Reason = "no \"cniVersion\" string" },
        R("T31", C, """{"type":"bridge","cniVersion":""}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T32", L, """{"cniVersion":"abc","cniVersions":["1.0.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "which it must be when \"cniVersions\" is present: \"abc\"" },
        R("T33", L, """{"cniVersion":"1.0.0","cniVersions":"1.0.0","name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersions\" is a string" },
        R("T34", L, """{"cniVersion":"1.0.0","cniVersions":null,"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersions\" is null" },
        R("T35", L, """{"cniVersion":"1.0.0","cniVersions":[1],"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersions[0]\" is a number" },
        R("T36", L, """{"cniVersion":"1.0.0","cniVersions":["1.0.x"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "\"cniVersions[0]\" is not a version libcni accepts: \"1.0.x\": part \"x\"" },
        R("T37", L, """{"cniVersions":["v1.0.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "part \"v1\" is not a number" },
        R("T38", L, """{"name":"n","cniVersions":["1.0.0.0"],"plugins":[{"type":"b"}]}""") with { Reason = "too many parts" },
        R("T39", L, """{"name":"n","cniVersions":["1.0.0-rc1"],"plugins":[{"type":"b"}]}""") with { Reason = "part \"0-rc1\" is not a number" },
        R("T40", L, """{"cniVersion":"0.3.1","cniVersions":["1.0.0","9.9.9","0.4.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, Version = "1.0.0" },
        R("T41", L, """{"cniVersion":"2.0.0","cniVersions":["3.0.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, Version = "2.0.0" },
        R("T42", L, """{"name":"n","cniVersion":"9.9.9","cniVersions":["0.4.0"],"plugins":[{"type":"b"}]}""") with { Loads = true, Types = ["b"], Version = "0.4.0" },
        R("T43", L, """{"cniVersion":"1.1.0","cniVersions":["1.1"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, Version = "1.1" },
        R("T44", L, """{"cniVersions":["1.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, AgentOnly = true, Reason = "no \"cniVersion\" string", Version = "1.0" },
        R("T45", L, """{"cniVersions":["+1.0.0"],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, AgentOnly = true, Reason = "no \"cniVersion\" string", Version = "+1.0.0" },
        R("T46", L, """{"cniVersions":[""],"name":"n","plugins":[{"type":"bridge"}]}""") with { Loads = true, AgentOnly = true, Reason = "no \"cniVersion\" string", Version = string.Empty },
        R("T47", L, """{"cniVersion":"1.0.0","name":"n","disableCheck":"TRUE","plugins":[{"type":"bridge"}]}""") with
        {
            Loads = true, Warnings = ["\"disableCheck\" is the string \"true\""], Thin = "\"disableCheck\" is the string \"TRUE\": libcni 1.2+ accepts it, but Multus thin",
        },
        R("T48", L, """{"cniVersion":"1.0.0","name":"n","disableCheck":"Yes","plugins":[{"type":"bridge"}]}""") with { Reason = "\"disableCheck\" is \"yes\"; libcni needs true or false" },
        R("T49", L, """{"cniVersion":"1.0.0","name":"n","disableCheck":1,"plugins":[{"type":"bridge"}]}""") with { Reason = "\"disableCheck\" is a number" },
        R("T50", L, """{"cniVersion":"1.0.0","name":"n","disableCheck":null,"plugins":[{"type":"bridge"}]}""") with { Reason = "\"disableCheck\" is null" },
        R("T51", L, """{"cniVersion":"1.0.0","name":"n","DisableCheck":"junk","plugins":[{"type":"bridge"}]}""") with
        {
            Loads = true, Warnings = ["key \"DisableCheck\" is ignored by libcni"], Thin = "key \"DisableCheck\" is read by Multus thin as \"disableCheck\"",
        },
        R("T52", L, """{"cniVersion":"1.0.0","name":"n","disableGC":"x","plugins":[{"type":"bridge"}]}""") with { Reason = "\"disableGC\" is \"x\"" },
        R("T53", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"}],"disableCheck":"tRuE","disableGC":"FALSE","loadOnlyInlinedPlugins":"True"}""") with
        {
            Loads = true, Warnings = ["\"disableCheck\" is the string \"true\"", "\"disableGC\" is the string \"false\"", "\"loadOnlyInlinedPlugins\" is the string \"true\""],
        },
        R("T54", L, """{"cniVersion":"1.1.0","name":"n","loadOnlyInlinedPlugins":"true"}""") with { Reason = "\"loadOnlyInlinedPlugins\" is true but there is no \"plugins\" array" },
        R("T55", L, """{"cniVersion":"1.1.0","name":"n","loadOnlyInlinedPlugins":0,"plugins":[{"type":"bridge"}]}""") with { Reason = "\"loadOnlyInlinedPlugins\" is a number" },
        R("T56", L, """{"cniVersion":"1.1.0","name":"n","loadOnlyInlinedPlugins":true,"plugins":[{"type":"bridge"}]}""") with
        {
            Loads = true, Directories = Dir("n", ("10-p.conf", """{"type":"portmap"}""")),
        },
        R("T57", L, """{"cniVersion":"1.1.0","name":"n"}""") with { Reason = "no plugins: no \"plugins\" array and no .conf files in n/" },
        R("T58", L, """{"cniVersion":"1.1.0","name":"n"}""") with
        {
            Loads = true, Types = ["bridge", "tuning"], Warnings = ["appends 2 plugin(s) from n/ to the chain: bridge, tuning"], Thin = "which Multus thin never reads",
            Directories = Dir("n", ("10-a.conf", """{"type":"bridge"}"""), ("20-b.conf", """{"type":"tuning"}""")),
        },
        R("T59", L, T60List) with
        {
            Loads = true, Types = ["bridge", "portmap"], Warnings = ["appends 1 plugin(s) from n/ to the chain: portmap"], Directories = Dir("n", ("10-p.conf", """{"type":"portmap"}""")),
        },
        R("T60", L, T60List) with { Reason = "n/10-p.conf: not valid JSON", Directories = Dir("n", ("10-p.conf", """{"type":""")) },
        R("T61", L, T60List) with { Reason = "n/10-p.conf has no \"type\" string, so libcni refuses the list", Directories = Dir("n", ("10-p.conf", """{"name":"x"}""")) },
        R("T62", L, T60List) with { Reason = "\"n/10-p.conf.type\" is a number", Directories = Dir("n", ("10-p.conf", """{"type":7}""")) },
        R("T64", L, """{"cniVersion":"1.1.0","name":"n"}""") with { Reason = "no plugins", Directories = Dir("n") },
        R("T65", L, """{"cniVersion":"1.0.0","name":"n","plugins":[]}""") with { Reason = "\"plugins\" is empty" },
        R("T66", L, """{"cniVersion":"1.0.0","name":"n","plugins":null}""") with { Reason = "\"plugins\" is null; libcni needs an array" },
        R("T67", L, """{"cniVersion":"1.0.0","name":"n","plugins":{"type":"bridge"}}""") with { Reason = "\"plugins\" is an object" },
        R("T68", L, """{"cniVersion":"1.0.0","name":"n","plugins":["bridge"]}""") with { Reason = "\"plugins[0]\" is a string; libcni needs an object" },
        R("T69", L, """{"cniVersion":"1.0.0","name":"n","plugins":[null]}""") with { Reason = "plugins[0] has no \"type\" string" },
        R("T70", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"},{}]}""") with { Reason = "plugins[1] has no \"type\" string" },
        R("T71", L, """{"cniVersion":"1.0.0","name":"n","Plugins":[{"type":"bridge"}]}""") with { Reason = "no plugins" },
        R("T72", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"}],"plugins":[]}""") with { Reason = "\"plugins\" is empty" },
        R("T73", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":5}]}""") with { Reason = "\"plugins[0].type\" is a number" },
        R("T74", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":null}]}""") with { Reason = "plugins[0] has no \"type\" string" },
        R("T75", L, """{"name":"n","plugins":[{"type":""}]}""") with { Reason = "plugins[0] has no \"type\" string" },
        R("T76", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"Type":"bridge"}]}""") with { Loads = true },
        R("T77", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"lower","Type":"upper"}]}""") with
        {
            Loads = true, Types = ["lower"], Warnings = ["plugins[0]: keys \"type\" and \"Type\" are one field to Go's decoder: libcni reads \"type\" (sorted order), a decode in file order (Multus) \"Type\""],
        },
        R("T78", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"Type":"upper","type":"lower"}]}""") with
        {
            Loads = true, Types = ["lower"], Warnings = ["plugins[0]: keys \"Type\" and \"type\" are one field to Go's decoder: libcni reads \"type\""],
        },
        R("T79", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"a","type":"b"}]}""") with { Loads = true, Types = ["b"], Warnings = ["duplicate key \"plugins[0].type\""] },
        R("T80", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","name":5}]}""") with { Reason = "\"plugins[0].name\" is a number" },
        R("T81", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","cniVersion":1}]}""") with { Reason = "\"plugins[0].cniVersion\" is a number" },
        R("T82", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","capabilities":{"portMappings":"true"}}]}""") with { Reason = "\"plugins[0].capabilities.portMappings\" is a string" },
        R("T83", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","capabilities":["portMappings"]}]}""") with { Reason = "\"plugins[0].capabilities\" is an array" },
        R("T84", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","capabilities":null}]}""") with { Loads = true },
        R("T85", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","capabilities":{"portMappings":null}}]}""") with { Loads = true },
        R("T86", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","capabilitieſ":{"x":"notbool"}}]}""") with { Reason = "\"plugins[0].capabilities.x\" is a string" },
        R("T87", L, """{"name":"n","plugins":[{"type":"b","capabilities":{"portMappings":1}}]}""") with { Reason = "\"plugins[0].capabilities.portMappings\" is a number" },
        R("T88", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","ipam":"host-local"}]}""") with { Reason = "\"plugins[0].ipam\" is a string" },
        R("T89", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","ipam":{"type":1}}]}""") with { Reason = "\"plugins[0].ipam.type\" is a number" },
        R("T90", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","ipam":null}]}""") with { Loads = true },
        R("T91", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","ipam":[]}]}""") with { Reason = "\"plugins[0].ipam\" is an array" },
        R("T92", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":"8.8.8.8"}]}""") with { Reason = "\"plugins[0].dns\" is a string" },
        R("T93", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":{"nameservers":"8.8.8.8"}}]}""") with { Reason = "\"plugins[0].dns.nameservers\" is a string" },
        R("T94", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":{"nameservers":[8]}}]}""") with { Reason = "\"plugins[0].dns.nameservers[0]\" is a number" },
        R("T95", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":{"domain":1}}]}""") with { Reason = "\"plugins[0].dns.domain\" is a number" },
        R("T96", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":{"search":{}}}]}""") with { Reason = "\"plugins[0].dns.search\" is an object" },
        R("T97", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","dns":{"options":[true]}}]}""") with { Reason = "\"plugins[0].dns.options[0]\" is a boolean" },
        R("T98", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","prevResult":"x"}]}""") with { Reason = "\"plugins[0].prevResult\" is a string" },
        R("T99", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","cni.dev/valid-attachments":"x"}]}""") with { Reason = "\"plugins[0].cni.dev/valid-attachments\" is a string" },
        R("T100", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","cni.dev/valid-attachments":[{"containerID":1}]}]}""") with { Reason = "\"plugins[0].cni.dev/valid-attachments[0].containerID\" is a number" },
        R("T101", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","args":"x","runtimeConfig":5,"disableCheck":"nope","mtu":"1500"}]}""") with { Loads = true },
        R("T102", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":1,"name":2}]}""") with { Reason = "\"plugins[0].name\" is a number" },
        R("T103", C, """{"type":1,"name":2}""") with { Reason = "\"type\" is a number" },
        R("T104", C, """{"type":"lower","Type":"upper"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T105", C, """{"type":"","Type":"x"}""") with { Reason = "no \"type\" string (as the runtime's list conversion re-reads it with sorted keys)" },
        R("T106", C, """{"Type":"x","type":""}""") with { Reason = "no \"type\" string" },
        R("T107", C, """{"TYPE":"bridge"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T108", C, """{"type":null}""") with { Reason = "no \"type\" string" },
        R("T109", C, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge"}]}""") with { Reason = "a plugin list in a .conf/.json file" },
        R("T110", J, """{"name":"n","plugins":[{"type":"b"}]}""") with { Reason = "a plugin list in a .conf/.json file" },
        R("T111", C, """{"cniVersion":"1.0.0","name":"n","type":"flannel","plugins":"ignored"}""") with { Loads = true, Types = ["flannel"] },
        R("T112", L, """{"cniVersion":"0.4.0","name":"n","type":"bridge"}""") with { Reason = "a single-plugin config in a .conflist file" },
        R("T113", C, """{"type":"bridge"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T114", C, """{"cniVersion":"abc","type":"bridge"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T115", C, """{"type":"bridge","name":1}""") with { Reason = "\"name\" is a number" },
        R("T116", C, """{"type":"bridge","capabilities":{"a":"true"}}""") with { Reason = "\"capabilities.a\" is a string" },
        R("T117", C, """{"type":"bridge","dns":null,"ipam":null,"capabilities":null,"name":null}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T118", C, """{"type":"bridge","disableCheck":"maybe"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T119", C, """{"type":"bridge","mtu":1e400}""") with { Reason = "the number at $.mtu does not fit a 64-bit float" },
        R("T120", L, """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"bridge","mtu":1e400}]}""") with { Reason = "the number at $.plugins[0].mtu does not fit" },

        // T121: not marked S in the table, but the agent refuses invalid UTF-8 (libcni reads it as U+FFFD).
        R("T121", L, Bytes("{\"cniVersion\":\"1.0.0\",\"name\":\"n", new byte[] { 0xFF }, "\",\"plugins\":[{\"type\":\"bridge\"}]}")) with { Loads = true, AgentOnly = true, Reason = "not valid UTF-8" },
        R("T122", C, """{"type":"\ud800"}""") with { Loads = true, AgentOnly = true, Reason = "no \"name\" string" },
        R("T123", C, """{"type":}""") with { Reason = "not valid JSON" },
        R("T124", L, "// c\n{\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"}]}") with { Reason = "not valid JSON" },
        R("T125", L, """{"name":"n","plugins":[{"type":"bridge"}],}""") with { Reason = "not valid JSON" },
        R("T126", C, "{'type':'bridge'}") with { Reason = "not valid JSON" },
        R("T127", C, """{"type":"bridge","mtu":NaN}""") with { Reason = "not valid JSON" },
        R("T128", C, "{\"type\":\"bri\ndge\"}") with { Reason = "not valid JSON" },
        R("T129", C, """{"type":"bridge","mtu":01}""") with { Reason = "not valid JSON" },
        R("T130", L, Deep(63)) with { Loads = true, AgentOnly = true, Reason = "no \"cniVersion\" string" },
        R("T131", L, Deep(64)) with { Loads = true, AgentOnly = true, Reason = "nested 65 levels deep; the agent allows 64" },
        R("T132", L, Deep(9999)) with { Loads = true, AgentOnly = true, Reason = "nested 10000 levels deep" },
        R("T133", L, Deep(10000)) with { Reason = "nested deeper than 10000 levels" },

        // T134: the size rule is the scanner's; the row goes through it (a MockFileSystem), the bytes through the parser.
        R("T134", L, T01.PadRight(CniDirectoryScanner.MaxFileBytes + 1)) with { Loads = true, AgentOnly = true, Reason = "larger than 1024 KiB" },
    ];

    /// <summary>Rows whose notes mention Multus (its struct decode), checked with the file as a Multus thin delegate.</summary>
    private static readonly string[] MultusRows =
        ["T11", "T16", "T17", "T19", "T28", "T33", "T40", "T47", "T50", "T51", "T58", "T65", "T69", "T70", "T71", "T77", "T102", "T109", "T112", "T119"];

    private static readonly Dictionary<string, Row> Rows = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static TheoryData<string> Ids => [.. All.Select(r => r.Id)];

    public static TheoryData<string> MultusIds => [.. MultusRows];

    [Fact]
    public void Table_CoversEveryRowOnce_ButTheRuntimeReadRows()
    {
        var expected = Enumerable.Range(1, 137).Select(i => $"T{i:00}").Except(Skipped);

        Assert.Equal(expected, All.Select(r => r.Id));
        Assert.All(MultusRows, id => Assert.True(Rows.ContainsKey(id), id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Row_AgentAgreesWithLibcni(string id) => Check(Rows[id], thinDelegate: false);

    [Theory]
    [MemberData(nameof(MultusIds))]
    public void Row_AsMultusThinDelegate(string id) => Check(Rows[id], thinDelegate: true);

    private static void Check(Row row, bool thinDelegate)
    {
        var refusedByThin = thinDelegate && row.Thin is not null;
        string? reason;
        CniNetwork? network;
        if (row.Content.Length > CniDirectoryScanner.MaxFileBytes)
        {
            // libcni itself loads the bytes; only the scanner's size rule refuses them.
            Assert.NotNull(CniConfigParser.Parse(row.File, row.Content, out var parsed));
            Assert.Null(parsed);
            (network, reason) = (null, ScanProblem(row));
        }
        else
        {
            var context = new ParseContext(name => row.Directories.GetValueOrDefault(name, PluginDirectory.None), thinDelegate);
            network = CniConfigParser.Parse(row.File, row.Content, context, out reason);
        }

        if (!row.Loads || row.AgentOnly || refusedByThin)
        {
            Assert.Null(network);
            Assert.NotNull(reason);
            Assert.DoesNotContain('\n', reason);
            Assert.Contains(refusedByThin ? row.Thin! : row.Reason!, reason, StringComparison.Ordinal);
            Assert.True(row.Loads == CniConfigParser.LibcniLoads(reason), $"{row.Id}: libcni {(row.Loads ? "loads" : "refuses")} it, the reason says otherwise: {reason}");
            if (row.Version is { } version)
            {
                Assert.Equal(version, LibcniVersion(row));
            }

            return;
        }

        Assert.True(reason is null, $"{row.Id}: libcni loads it, the agent refused: {reason}");
        Assert.NotNull(network);
        Assert.Equal(row.Name, network.Name);
        Assert.Equal(row.Types[0], network.MainType);
        Assert.Equal(row.Types, network.PluginTypes);
        Assert.Equal(row.Capabilities, network.Capabilities);
        Assert.Equal(row.File.EndsWith(".conflist", StringComparison.Ordinal), network.IsList);
        if (row.Version is { } effective)
        {
            Assert.Equal(effective, network.RuntimeCniVersion);
        }

        Assert.Equal(row.Warnings.Length, network.Warnings.Count);
        Assert.All(row.Warnings, w => Assert.Contains(network.Warnings, actual => actual.Contains(w, StringComparison.Ordinal)));
    }

    /// <summary>For rows the agent refuses: the version libcni gives the list, by the agent's own rule for it.</summary>
    private static string LibcniVersion(Row row)
    {
        using var document = JsonDocument.Parse(row.Content);
        var root = document.RootElement;
        var cniVersion = root.TryGetProperty("cniVersion", out var v) ? v.GetString()! : string.Empty;
        var versions = root.TryGetProperty("cniVersions", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        return CniVersion.Effective(cniVersion, versions);
    }

    /// <summary>The row as a file in CniDir: the scanner's verdict, before any parsing.</summary>
    private static string? ScanProblem(Row row)
    {
        const string Dir = "/etc/cni/net.d";
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Dir);
        fs.File.WriteAllBytes($"{Dir}/{row.File}", row.Content);
        var scan = new CniDirectoryScanner(fs, new FileSystemProbe(fs), TimeProvider.System).Scan(Dir, null, _ => true, thin: false, ScanScope.Full);
        return scan.Files.Single(f => f.Name == row.File).Problem?.Reason;
    }
}
