using AutoScale.Data;

namespace AutoScale.Gateway.Hosting;

/// <summary>What the embedded default started: its PostgreSQL and its data folder, and how it was asked to run.</summary>
public sealed record EmbeddedSystem(LocalPostgresCluster Postgres, string DataPath, EmbeddedOptions Options);
