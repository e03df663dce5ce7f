using System.Text;

namespace AotAgent.Commands;

/// <summary><c>render</c>: prints the Multus config that would be written; writes nothing.</summary>
internal static class RenderCommand
{
    public static int Execute(CommandContext context, CommandInput input) => context.WithSettings(input, settings =>
    {
        var pass = context.CreatePipeline().Run(settings, write: false);
        if (pass.Rendered is null)
        {
            context.Stderr.WriteLine($"no primary: {pass.Decision.Reason}");
            return ExitCodes.NoPrimary;
        }

        context.Stdout.Write(Encoding.UTF8.GetString(pass.Rendered.Content));
        return ExitCodes.Done;
    });
}
