namespace AotAgent.Rendering;

/// <summary>The bytes to write, the file name to write them to, and the other output name to remove afterwards.</summary>
public sealed record RenderedOutput(string FileName, string StaleFileName, byte[] Content);
