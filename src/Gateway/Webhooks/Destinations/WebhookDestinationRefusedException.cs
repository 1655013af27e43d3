namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>A webhook's host is, or resolves to, an address webhooks may not reach; trying again will not help.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
