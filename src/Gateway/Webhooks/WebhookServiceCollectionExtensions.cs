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
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("AutoScale-Webhooks/1.0"));
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
