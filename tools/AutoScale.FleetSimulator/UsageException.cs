namespace AutoScale.FleetSimulator;

/// <summary>A command line the simulator cannot run; the message says what is wrong.</summary>
public sealed class UsageException(string message) : Exception(message);
