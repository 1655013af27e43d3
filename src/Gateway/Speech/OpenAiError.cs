namespace AutoScale.Gateway.Speech;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiError(OpenAiErrorDetail Error);

/// <summary>The inside of <see cref="OpenAiError"/>. <c>param</c> and <c>code</c> are null when they do not apply.</summary>
public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
