using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace AutoScale.Artifacts.S3;

/// <summary>Builds the S3 client of <see cref="S3ArtifactOptions"/>, with the SDK's own logging off (it could show signed requests).</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3ArtifactOptions options)
    {
        AWSConfigs.LoggingConfig.LogTo = LoggingOptions.None;
        AWSConfigs.LoggingConfig.LogResponses = ResponseLoggingOption.Never;
        AWSConfigs.LoggingConfig.LogMetrics = false;

        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            DisableLogging = true,
            LogResponse = false,
            LogMetrics = false,
            // The endpoint is this configuration's, not one from AWS_ENDPOINT_URL or ~/.aws/config.
            IgnoreConfiguredEndpointUrls = true,
            // S3-compatible services (and older MinIO) reject the flexible-checksum trailers SDK v4 adds by default.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (string.IsNullOrEmpty(options.Endpoint))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.Endpoint;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
