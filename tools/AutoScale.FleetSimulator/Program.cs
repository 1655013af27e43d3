using AutoScale.FleetSimulator;
using AutoScale.FleetSimulator.Reporting;

if (SimulatorCommandLine.WantsHelp(args))
{
    Console.WriteLine(SimulatorCommandLine.Usage);
    return 0;
}

SimulatorOptions options;
try
{
    options = SimulatorCommandLine.Parse(args);
}
catch (UsageException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

ReportWriter.Write(Console.Out, options, FleetComparison.Run(options));
return 0;
