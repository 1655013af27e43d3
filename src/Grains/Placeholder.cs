namespace AutoScale.Grains; internal static class Placeholder { }
