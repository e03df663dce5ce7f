using AotAgent.Configuration;

namespace AotAgent.Tests.TestDoubles;

/// <summary>Builds <see cref="AgentSettings"/> the way the agent does (AgentOptions through SettingsFactory), failing on any error.</summary>
public sealed class SettingsBuilder
{
    private readonly AgentOptions _options = new() { CniDir = "/cni", ConfigDir = "/config" };

    public SettingsBuilder With(Action<AgentOptions> change)
    {
        change(_options);
        return this;
    }

    public SettingsBuilder Prefer(string prefer) => With(o => o.Primary.Prefer = prefer);

    public SettingsBuilder Exclude(string exclude) => With(o => o.Primary.Exclude = exclude);

    public SettingsBuilder Thin() => With(o => o.Multus.Mode = "thin");

    public SettingsBuilder Thick() => With(o => o.Multus.Mode = "thick");

    public AgentSettings Build()
    {
        var settings = SettingsFactory.Create(_options, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("test settings are invalid: " + string.Join("; ", errors));
        }

        return settings;
    }

    public static AgentSettings Default() => new SettingsBuilder().Build();
}
