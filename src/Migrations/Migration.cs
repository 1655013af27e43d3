namespace AutoScale.Migrations;

/// <summary>One numbered schema step, embedded as <c>Database/Migrations/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
