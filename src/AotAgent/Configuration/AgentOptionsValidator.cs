using Microsoft.Extensions.Options;

namespace AotAgent.Configuration;

/// <summary>Attribute rules (required, ranges), generated at compile time; SettingsFactory adds the rest.</summary>
[OptionsValidator]
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;
