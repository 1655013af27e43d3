using AutoScale.Hosting;
using AutoScale.Silo.Hosting;

// The schema is the gateway's to apply (a worker joins a cluster whose gateway has started).
var builder = Host.CreateApplicationBuilder(args);
builder.AddWorkerSilo();

using var host = builder.Build();
await host.RunSiloHostAsync();
