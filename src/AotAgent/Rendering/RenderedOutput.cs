namespace AotAgent.Rendering;

/// <summary>The Multus config's bytes, and whether it is a list (which decides the <c>.conflist</c> name).</summary>
internal sealed record RenderedOutput(byte[] Content, bool IsList);
