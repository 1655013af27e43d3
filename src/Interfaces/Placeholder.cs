namespace AutoScale.Interfaces; internal static class Placeholder { }
