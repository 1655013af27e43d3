namespace AutoScale.Bench;

/// <summary>The work Hangfire's workers do: nothing.</summary>
public static class NoOpJob
{
    public static void Run(int index) => GC.KeepAlive(index);
}
