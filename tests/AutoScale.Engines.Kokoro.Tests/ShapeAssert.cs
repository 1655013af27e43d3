namespace AutoScale.Engines.Kokoro.Tests;

/// <summary>Checks of a model's parameter names, shapes and count against the ones kokoro-notes lists.</summary>
internal static class ShapeAssert
{
    public static void Shapes(Dictionary<string, long[]> expected, Dictionary<string, long[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
        {
            Assert.True(shape.SequenceEqual(actual[name]), $"{name}: expected [{string.Join(",", shape)}], got [{string.Join(",", actual[name])}]");
        }
    }

    public static void Count(long exact, double notesApproximation, Dictionary<string, long[]> shapes)
    {
        var count = shapes.Values.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        Assert.Equal(exact, count);
        Assert.InRange(count, notesApproximation * 0.98, notesApproximation * 1.02);
    }
}
