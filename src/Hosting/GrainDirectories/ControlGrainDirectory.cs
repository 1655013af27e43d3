namespace AutoScale.Hosting.GrainDirectories;

/// <summary>
/// The grain directories of the control grains, chosen per grain class with
/// <c>[GrainDirectory(GrainDirectoryName = …)]</c>. Neither is Orleans' default directory, which spreads itself over
/// every silo: a crashed worker would hold part of it until declared dead, refusing new activations meanwhile.
/// </summary>
public static class ControlGrainDirectory
{
    /// <summary>Long-lived grains that workers call (the queues, the scaler): in PostgreSQL.</summary>
    public const string Name = "control";

    /// <summary>Jobs, one grain per job, called on the control silo only: in its memory by default (<c>Cluster:JobDirectory</c>).</summary>
    public const string Jobs = "jobs";
}
