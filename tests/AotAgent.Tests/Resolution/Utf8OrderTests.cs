using System.Text;
using AotAgent.Resolution;

namespace AotAgent.Tests.Resolution;

/// <summary>Names are ordered by their UTF-8 bytes, as Go's sort.Strings orders them in containerd, CRI-O and libcni.</summary>
public sealed class Utf8OrderTests
{
    private static int Bytes(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    [Fact]
    public void Compare_CharacterAboveUffffAgainstFullWidthLetter_ByteOrderNotUtf16()
    {
        // 😀 (U+1F600) is a surrogate pair in UTF-16 (D83D DE00), which ordinal order puts before ａ (U+FF41);
        // in UTF-8 (F0 9F 98 80 vs EF BD 81) ａ comes first, and that is what containerd loads first.
        Assert.True(string.CompareOrdinal("10-😀.conflist", "10-ａ.conflist") < 0);
        Assert.True(Utf8Order.Instance.Compare("10-ａ.conflist", "10-😀.conflist") < 0);
        Assert.Equal(["10-ａ.conflist", "10-😀.conflist"], new[] { "10-😀.conflist", "10-ａ.conflist" }.Order(Utf8Order.Instance));
    }

    [Fact]
    public void Compare_ManyRandomNames_AgreesWithUtf8Bytes()
    {
        var random = new Random(20261201);
        string[] pieces = ["a", "B", "-", "_", ".", "0", "é", "ａ", "😀", "\uE000", "\uFFFF", "中", "\u0080", "z", "~"];
        var names = Enumerable.Range(0, 2000).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]))).ToList();

        foreach (var a in names.Take(200))
        {
            foreach (var b in names)
            {
                Assert.Equal(Math.Sign(Bytes(a, b)), Math.Sign(Utf8Order.Instance.Compare(a, b)));
            }
        }
    }

    [Fact]
    public void Compare_PrefixAndNull_Ordered()
    {
        Assert.True(Utf8Order.Instance.Compare("10-a", "10-a.conf") < 0);
        Assert.True(Utf8Order.Instance.Compare(null, "a") < 0);
        Assert.Equal(0, Utf8Order.Instance.Compare("x", "x"));
    }
}
