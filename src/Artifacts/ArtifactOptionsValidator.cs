using Microsoft.Extensions.Options;

namespace AutoScale.Artifacts;

/// <summary>Checks the <c>Artifacts</c> settings of the chosen store, naming each bad setting and its environment variable.</summary>
public sealed class ArtifactOptionsValidator : IValidateOptions<ArtifactOptions>
{
    public ValidateOptionsResult Validate(string? name, ArtifactOptions options)
    {
        if (string.Equals(options.Store, ArtifactOptions.FileSystemStore, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.Path)
                ? ValidateOptionsResult.Fail(
                    "Artifacts:Path is required (environment Artifacts__Path) with Artifacts:Store=filesystem: the folder chunk audio is stored in.")
                : ValidateOptionsResult.Success;
        }

        if (options.UsesS3)
        {
            var failures = options.S3.Problems().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        return ValidateOptionsResult.Fail(
            $"Artifacts:Store (environment Artifacts__Store) is '{options.Store}'; it must be '{ArtifactOptions.FileSystemStore}' or '{ArtifactOptions.S3Store}'.");
    }
}
