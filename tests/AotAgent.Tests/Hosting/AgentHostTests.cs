using System.IO.Abstractions.TestingHelpers;
using AotAgent.Configuration;
using AotAgent.Hosting;
using AotAgent.Reconciliation;
using AotAgent.Tests.TestDoubles;
using AotAgent.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AotAgent.Tests.Hosting;

/// <summary>The daemon's service graph is complete: a missing registration is found here, not at a node's first start.</summary>
public sealed class AgentHostTests
{
    [Fact]
    public void Build_EveryHostedServiceAndItsDependenciesResolve()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/etc/cni/net.d");
        var probe = new FileSystemProbe(fs);
        var environment = new Dictionary<string, string?> { ["CniDir"] = "/etc/cni/net.d", ["ConfigDir"] = "/nonexistent", ["Http:Port"] = "0" };
        var loader = new SettingsLoader(fs, probe, environment, new Dictionary<string, string?>());
        var settings = loader.Load(out var configuration);
        var pipeline = Pipeline.Create(fs, probe, new RecordingDirectorySync(), TimeProvider.System);

        using var host = AgentHost.Build(fs, probe, TimeProvider.System, loader, settings, configuration, pipeline, StartupPass.None);

        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is ReconcileLoop);
        Assert.NotNull(host.Services.GetRequiredService<WatchSupervisor>());
    }
}
