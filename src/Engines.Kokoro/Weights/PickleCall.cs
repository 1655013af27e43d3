namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>A pickled call (REDUCE) that was not run: the function, its arguments and any BUILD state.</summary>
internal sealed class PickleCall(object function, object?[] arguments)
{
    public object Function { get; } = function;

    public object?[] Arguments { get; } = arguments;

    public object? State { get; set; }
}
