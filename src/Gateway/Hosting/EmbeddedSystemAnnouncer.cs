using AutoScale.Gateway.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Hosting;

/// <summary>
/// Once the embedded system is up, makes sure its <c>default</c> tenant exists and prints where to reach it with
/// which keys (to the console only: keys never go to the log), unless another gateway of the same data folder does;
/// stops its PostgreSQL when the gateway stops, unless the server is shared with other gateways.
/// </summary>
public sealed class EmbeddedSystemAnnouncer(
    EmbeddedSystem system,
    TenantStore tenants,
    IServer server,
    IOptions<AuthOptions> auth,
    IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (system.Options.Announce)
        {
            lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(lifetime.ApplicationStopping));
        }

        if (system.Options.StopPostgres)
        {
            lifetime.ApplicationStopped.Register(system.Postgres.Stop);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var tenantKeyFile = Path.Combine(system.DataPath, "tenant-key");
        var tenantKey = SecretFile.Read(tenantKeyFile);
        if (tenantKey is null || await tenants.FindTenantAsync(tenantKey, cancellationToken) is null)
        {
            (_, tenantKey, _) = await tenants.CreateAsync("default", cancellationToken);
            SecretFile.Write(tenantKeyFile, tenantKey);
        }

        var url = system.Options.PublicUrl
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";
        var gateways = system.Options.Gateways;
        var where = gateways.Length > 1
            ? $"\n  Gateways:    {gateways.Length} behind the load balancer at {url}: {string.Join(", ", gateways)}"
            : "";
        var stops = gateways.Length > 1
            ? $"the {gateways.Length} gateways, the load balancer and PostgreSQL"
            : "the gateway and its PostgreSQL";
        Console.WriteLine($$"""

            AutoScale is running (embedded PostgreSQL on 127.0.0.1:{{system.Postgres.Port}}, data in {{system.DataPath}}).
              URL:         {{url}}{{where}}
              API page:    {{url}}/scalar
              Tenant key:  {{tenantKey}}
              Admin key:   {{auth.Value.AdminKey}}
              Fleet:       {{url}}/admin/fleet (admin key); workers start when work arrives and stop when idle
            Try:
              curl -s -X POST {{url}}/v1/jobs -H "Authorization: Bearer {{tenantKey}}" -H "Content-Type: application/json" -d '{"text":"Hello from AutoScale."}'
            Ctrl-C stops the workers (they hand back their work), {{stops}}.

            """);
    }
}
