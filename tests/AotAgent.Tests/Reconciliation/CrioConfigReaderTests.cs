using System.IO.Abstractions.TestingHelpers;
using AotAgent.Reconciliation;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Reconciliation;

/// <summary>CRI-O's cni_default_network, read as CRI-O merges crio.conf and its drop-ins.</summary>
public sealed class CrioConfigReaderTests
{
    private const string Dir = "/host/etc/crio";
    private readonly MockFileSystem _fs = new();

    private CrioPin Read() => new CrioConfigReader(_fs, new FileSystemProbe(_fs)).Read(Dir);

    private void Put(string path, string toml)
    {
        _fs.Directory.CreateDirectory(_fs.Path.GetDirectoryName($"{Dir}/{path}")!);
        _fs.File.WriteAllText($"{Dir}/{path}", toml);
    }

    [Fact]
    public void Read_MainFile_Pin()
    {
        Put("crio.conf", "[crio.network]\ncni_default_network = \"multus-cni-network\"\nnetwork_dir = \"/etc/cni/net.d/\"\n");

        Assert.Equal(new CrioPin("multus-cni-network", null), Read());
    }

    [Fact]
    public void Read_DropInsInByteOrderAnyExtensionRecursive_LaterWins()
    {
        Put("crio.conf", "[crio.network]\ncni_default_network = \"crio\"\n");
        Put("crio.conf.d/10-a.conf", "[crio.network]\ncni_default_network = \"first\"\n");
        Put("crio.conf.d/20-b.toml", "crio.network.cni_default_network = \"second\"\n");
        Put("crio.conf.d/30/x", "[crio.runtime]\ndefault_runtime = \"runc\"\n");

        Assert.Equal("second", Read().Network);
    }

    [Fact]
    public void Read_EmptyValueInALaterDropIn_Unpins()
    {
        Put("crio.conf", "[crio.network]\ncni_default_network = \"crio\"\n");
        Put("crio.conf.d/99-unpin.conf", "[crio.network]\ncni_default_network = \"\"\n");

        Assert.Equal(string.Empty, Read().Network);
    }

    [Fact]
    public void Read_KeysInAnotherCase_MatchedAsCrioDoes()
    {
        Put("crio.conf", "[CRIO.Network]\nCNI_Default_Network = \"multus-cni-network\"\n");

        Assert.Equal("multus-cni-network", Read().Network);
    }

    [Fact]
    public void Read_NothingThere_NotPinned()
    {
        Assert.Equal(new CrioPin(null, null), Read());
    }

    [Fact]
    public void Read_InvalidToml_ProblemNamesTheFile()
    {
        Put("crio.conf", "[crio.network\ncni_default_network = \"x\"\n");

        var pin = Read();

        Assert.Null(pin.Network);
        Assert.StartsWith($"{Dir}/crio.conf is not valid TOML", pin.Problem, StringComparison.Ordinal);
    }
}
