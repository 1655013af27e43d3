using AutoScale.Models.HuggingFace;

namespace AutoScale.Models.Tests.HuggingFace;

public sealed class HubSettingsTests : IDisposable
{
    private readonly TempFolder _home = new();

    [Fact]
    public void Without_variables_the_endpoint_is_huggingface_co_and_there_is_no_token()
    {
        var settings = Settings([]);

        Assert.Equal("https://huggingface.co", settings.Endpoint);
        Assert.Null(settings.Token);
    }

    [Fact]
    public void HF_ENDPOINT_loses_its_trailing_slash()
    {
        Assert.Equal("http://127.0.0.1:5000/mirror", Settings(new() { ["HF_ENDPOINT"] = "http://127.0.0.1:5000/mirror/" }).Endpoint);
    }

    [Fact]
    public void HF_ENDPOINT_must_be_an_http_url()
    {
        Assert.Throws<ArgumentException>(() => Settings(new() { ["HF_ENDPOINT"] = "ftp://example.invalid" }));
    }

    [Fact]
    public void HF_TOKEN_wins_over_the_token_files()
    {
        WriteToken(".cache/huggingface/token", "hf_from_file");

        Assert.Equal("hf_from_variable", Settings(new() { ["HF_TOKEN"] = "hf_from_variable" }).Token);
    }

    [Fact]
    public void Without_HF_TOKEN_the_token_file_under_the_default_HF_HOME_is_read_and_trimmed()
    {
        WriteToken(".cache/huggingface/token", "hf_from_file\n");

        Assert.Equal("hf_from_file", Settings([]).Token);
    }

    [Fact]
    public void HF_TOKEN_PATH_and_HF_HOME_say_where_the_token_file_is()
    {
        WriteToken("elsewhere/token.txt", "hf_token_path");
        WriteToken("hf-home/token", "hf_home");
        WriteToken("xdg/huggingface/token", "hf_xdg");

        Assert.Equal("hf_token_path", Settings(new() { ["HF_TOKEN_PATH"] = "~/elsewhere/token.txt", ["HF_HOME"] = "~/hf-home" }).Token);
        Assert.Equal("hf_home", Settings(new() { ["HF_HOME"] = _home.File("hf-home") }).Token);
        Assert.Equal("hf_xdg", Settings(new() { ["XDG_CACHE_HOME"] = _home.File("xdg") }).Token);
    }

    [Theory]
    [InlineData("https://huggingface.co/hexgrad/Kokoro-82M/resolve/main/config.json", true)]
    [InlineData("https://HuggingFace.co:443/x", true)]
    [InlineData("https://cdn-lfs.hf.co/repos/ab/cd", false)]
    [InlineData("http://huggingface.co/x", false)]
    [InlineData("https://huggingface.co:8443/x", false)]
    public void The_token_goes_only_to_the_endpoints_own_scheme_host_and_port(string url, bool expected)
    {
        Assert.Equal(expected, new HubSettings("https://huggingface.co", "hf_x").MaySendTokenTo(new Uri(url)));
    }

    [Fact]
    public void The_settings_never_print_the_token()
    {
        Assert.DoesNotContain("hf_secret", new HubSettings("https://huggingface.co", "hf_secret").ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();

    private HubSettings Settings(Dictionary<string, string?> variables)
    {
        variables.TryAdd("HOME", _home.Path);
        return HubSettings.FromEnvironment(name => variables.GetValueOrDefault(name));
    }

    private void WriteToken(string relative, string token)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_home.File(relative))!);
        File.WriteAllText(_home.File(relative), token);
    }
}
