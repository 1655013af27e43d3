using AutoScale.FleetSimulator.Simulation;

namespace AutoScale.FleetSimulator.Reporting;

/// <summary>One line of the comparison: a named fleet and what it did.</summary>
public sealed record FleetRow(string Fleet, SimulationResult Result);
