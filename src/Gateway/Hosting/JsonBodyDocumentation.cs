using Microsoft.OpenApi;

namespace AutoScale.Gateway.Hosting;

/// <summary>
/// Documents a JSON request body that the handler reads itself. <c>.Accepts&lt;T&gt;()</c> would also make routing
/// answer 415 for other content types, but the contract asks for a 400 problem naming the header.
/// </summary>
public static class JsonBodyDocumentation
{
    public static RouteHandlerBuilder DocumentJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
