using AutoScale.Hosting;
using AutoScale.Silo.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.AddWorkerSilo();

using var host = builder.Build();
// The schema is the gateway's to apply: a worker that starts first waits for it rather than failing in Orleans.
var patience = TimeSpan.FromSeconds(host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.SchemaWaitSeconds);
if (!await host.WaitForClusterSchemaAsync(patience))
{
    return 3;
}

await host.RunSiloHostAsync();
return Environment.ExitCode;
