namespace AutoScale.Grains.Webhooks;

/// <summary>A claimed webhook delivery: where to send which job, how often it was tried, and the tenant's signing secret.</summary>
public sealed record DueWebhook(long Id, Guid JobId, string Url, int Attempts, string Secret);
