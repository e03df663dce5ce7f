using Tomlyn.Model;
using Tomlyn.Serialization;

namespace AotAgent.Reconciliation;

/// <summary>Source-generated TOML metadata for CRI-O's configuration files (no reflection under Native AOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class CrioTomlContext : TomlSerializerContext;
