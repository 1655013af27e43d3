using AutoScale.Gateway.Webhooks.Destinations;
using AutoScale.Grains.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Webhooks;

/// <summary>Registers webhook delivery.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WebhookStore>();
        services.TryAddSingleton<WebhookDestinationGuard>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("AutoScale-Webhooks/1.0"))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // The guard resolves and checks the host and connects to the checked address; a proxy would resolve it
                // again out of our sight, and a redirect would lead to a host nobody checked at submit.
                ConnectCallback = provider.GetRequiredService<WebhookDestinationGuard>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
            });
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
