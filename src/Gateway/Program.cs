using AutoScale.Cluster.Artifacts;
using AutoScale.Gateway.Admin;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Catalogue;
using AutoScale.Gateway.Health;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Jobs;
using AutoScale.Gateway.RateLimiting;
using AutoScale.Gateway.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmbeddedDefaults();
builder.AddControlSilo();
builder.Services.AddGatewayBasics();
builder.Services.AddApiKeyAuth(builder.Configuration);
builder.Services.AddTenantRateLimiting();
builder.Services.AddJobsApi();
builder.Services.AddArtifactStore();
builder.Services.AddWebhooks();
builder.Services.AddGatewayHealthChecks();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseGatewayErrorHandling();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapGatewayHealth();
app.MapJobsApi();
app.MapJobEventsApi();
app.MapJobAudioApi();
app.MapCatalogueApi();
app.MapAdminApi();
app.MapFleetApi();
app.MapApiDocumentation();
await app.RunAsync();

/// <summary>The gateway's entry point, visible to tests.</summary>
public partial class Program;
