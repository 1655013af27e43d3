using AutoScale.Cluster.Database;
using AutoScale.Cluster.Hosting;
using AutoScale.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddWorkerSilo();

using var host = builder.Build();
await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
await host.RunSiloHostAsync();
