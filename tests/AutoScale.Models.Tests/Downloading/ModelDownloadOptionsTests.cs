using System.ComponentModel.DataAnnotations;

namespace AutoScale.Models.Tests.Downloading;

public sealed class ModelDownloadOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_once_a_models_path_is_given()
    {
        new ModelDownloadOptions { ModelsPath = "/models" }.Validate();
    }

    [Theory]
    [InlineData("", 4, 30)]
    [InlineData("/models", -1, 30)]
    [InlineData("/models", 21, 30)]
    [InlineData("/models", 4, 0)]
    public void Options_out_of_range_are_refused_naming_the_option(string path, int retries, int stallSeconds)
    {
        var options = new ModelDownloadOptions { ModelsPath = path, Retries = retries, StallTimeout = TimeSpan.FromSeconds(stallSeconds) };

        var error = Assert.Throws<ValidationException>(options.Validate);

        Assert.Contains(path == "" ? "ModelsPath" : retries is < 0 or > 20 ? "Retries" : "StallTimeout", error.Message);
    }
}
