namespace AotAgent.Commands;

internal static class ExitCodes
{
    public const int Done = 0;
    public const int Failure = 1;
    public const int BadConfiguration = 2;
    public const int NoPrimary = 3;
}
