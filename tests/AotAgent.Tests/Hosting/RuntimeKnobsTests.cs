using System.Runtime;
using System.Text.Json.Nodes;

namespace AotAgent.Tests.Hosting;

/// <summary>
/// The runtime knobs live twice: in runtimeconfig.template.json (JIT runs: tests, dotnet run) and in the csproj
/// (PublishAot ignores the template). The app's generated aot-agent.runtimeconfig.json is built from the csproj, so
/// comparing the two proves they agree.
/// </summary>
public sealed class RuntimeKnobsTests
{
    /// <summary>The runtime knobs the csproj sets (ServerGarbageCollection, ConcurrentGarbageCollection,
    /// InvariantGlobalization, TieredPGO and the RuntimeHostConfigurationOption items).</summary>
    private static readonly string[] CsprojKnobs =
    [
        "System.GC.Server", "System.GC.Concurrent", "System.GC.ConserveMemory", "System.GC.Gen0MaxBudget", "System.Globalization.Invariant", "System.Runtime.TieredPGO",
        "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit",
    ];

    /// <summary>
    /// Keys the SDK writes into the app's runtimeconfig that are not runtime knobs of this project and so are not in
    /// the template: trimming/AOT feature switches implied by PublishAot/IsAotCompatible and by the csproj's
    /// UseSystemResourceKeys and EventSourceSupport (they only shape what the native binary contains), and
    /// PredefinedCulturesOnly, which the SDK derives from InvariantGlobalization.
    /// </summary>
    private static readonly HashSet<string> SdkFeatureSwitches = new(StringComparer.Ordinal)
    {
        "Microsoft.Extensions.DependencyInjection.VerifyOpenGenericServiceTrimmability",
        "System.ComponentModel.DefaultValueAttribute.IsSupported",
        "System.ComponentModel.Design.IDesignerHost.IsSupported",
        "System.ComponentModel.TypeConverter.EnableUnsafeBinaryFormatterInDesigntimeLicenseContextSerialization",
        "System.ComponentModel.TypeDescriptor.IsComObjectDescriptorSupported",
        "System.Data.DataSet.XmlSerializationIsSupported",
        "System.Diagnostics.Tracing.EventSource.IsSupported",
        "System.Globalization.PredefinedCulturesOnly",
        "System.Linq.Enumerable.IsSizeOptimized",
        "System.Linq.Expressions.CanEmitObjectArrayDelegate",
        "System.Net.SocketsHttpHandler.Http3Support",
        "System.Reflection.Metadata.MetadataUpdater.IsSupported",
        "System.Resources.ResourceManager.AllowCustomResourceTypes",
        "System.Resources.UseSystemResourceKeys",
        "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported",
        "System.Runtime.InteropServices.BuiltInComInterop.IsSupported",
        "System.Runtime.InteropServices.EnableConsumingManagedCodeFromNativeHosting",
        "System.Runtime.InteropServices.EnableCppCLIHostActivation",
        "System.Runtime.InteropServices.Marshalling.EnableGeneratedComInterfaceComImportInterop",
        "System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization",
        "System.StartupHookProvider.IsSupported",
        "System.Text.Encoding.EnableUnsafeUTF7Encoding",
        "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault",
        "Tomlyn.TomlSerializer.IsReflectionEnabledByDefault",
        "System.Threading.Thread.EnableAutoreleasePool",
    };

    private static JsonObject ConfigProperties(string file, bool underRuntimeOptions)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)))!;
        return (underRuntimeOptions ? root["runtimeOptions"]!["configProperties"] : root["configProperties"])!.AsObject();
    }

    private static JsonObject Template => ConfigProperties("runtimeconfig.template.json", underRuntimeOptions: false);

    private static JsonObject Generated => ConfigProperties("aot-agent.runtimeconfig.json", underRuntimeOptions: true);

    [Fact]
    public void Template_EveryKnob_InGeneratedWithSameValue()
    {
        var generated = Generated;

        Assert.All(Template, p =>
        {
            Assert.True(generated.ContainsKey(p.Key), $"{p.Key} is in runtimeconfig.template.json but the csproj does not set it");
            Assert.True(JsonNode.DeepEquals(p.Value, generated[p.Key]), $"{p.Key}: template {p.Value?.ToJsonString()} but csproj {generated[p.Key]?.ToJsonString()}");
        });
    }

    [Fact]
    public void Generated_EveryKnobTheCsprojSets_InTemplate()
    {
        var template = Template;
        var knobs = Generated.Select(p => p.Key).Where(k => !SdkFeatureSwitches.Contains(k)).Order(StringComparer.Ordinal).ToArray();

        // A key here that is neither a known knob nor a named SDK switch is new: decide which it is.
        Assert.Equal(CsprojKnobs.Order(StringComparer.Ordinal), knobs);
        Assert.All(knobs, k => Assert.True(template.ContainsKey(k), $"{k} is set by the csproj but missing from runtimeconfig.template.json"));
    }

    [Fact]
    public void TestHost_SeesTheTemplate()
    {
        Assert.False(GCSettings.IsServerGC);
        Assert.NotEqual(GCLatencyMode.Interactive, GCSettings.LatencyMode);

        // runtimeconfig values reach AppContext as strings.
        Assert.Equal("false", Data("System.GC.Concurrent"), ignoreCase: true);
        Assert.Equal("true", Data("System.Globalization.Invariant"), ignoreCase: true);
        Assert.Equal("false", Data("System.Runtime.TieredPGO"), ignoreCase: true);
        Assert.Equal("9", Data("System.GC.ConserveMemory"));
        Assert.Equal("1048576", Data("System.GC.Gen0MaxBudget"));
        Assert.Equal(string.Empty, System.Globalization.CultureInfo.CurrentCulture.Name);
    }

    [Fact]
    public void TestHost_YoungGenerationBudget_IsPinnedAtOneMiB()
    {
        // 64 MiB of short-lived garbage: with the pinned 1 MiB budget that is dozens of collections; with the GC's own
        // cache-sized budget (tens of MiB on most hosts) it is a handful.
        // Stored where they escape, so an optimising JIT cannot put them on the stack.
        var slots = new byte[16][];
        var before = GC.CollectionCount(0);
        for (var i = 0; i < 64 * 1024; i++)
        {
            slots[i % slots.Length] = new byte[1000];
        }

        GC.KeepAlive(slots);
        Assert.True(GC.CollectionCount(0) - before >= 32, $"{GC.CollectionCount(0) - before} collections for 64 MiB");
    }

    private static string? Data(string key) => Convert.ToString(AppContext.GetData(key), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Template_Keys_AreExactlyTheCsprojKnobs()
    {
        Assert.Equal(CsprojKnobs.Order(StringComparer.Ordinal), Template.Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
