namespace AutoScale.Cluster; internal static class Placeholder { }
