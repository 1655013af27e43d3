namespace AutoScale.Audio.Tests;

public sealed class AudioFormatTests
{
    [Theory]
    [InlineData("wav", AudioFormat.Wav)]
    [InlineData("opus", AudioFormat.Opus)]
    [InlineData("pcm", AudioFormat.Pcm)]
    [InlineData("mp3", AudioFormat.Mp3)]
    [InlineData("flac", AudioFormat.Flac)]
    [InlineData("aac", AudioFormat.Aac)]
    [InlineData("WAV", AudioFormat.Wav)]
    [InlineData("MP3", AudioFormat.Mp3)]
    public void Wire_names_parse(string name, AudioFormat expected)
    {
        Assert.Equal(expected, AudioFormat.Parse(name));
        Assert.True(AudioFormat.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("ogg")]
    [InlineData("m4a")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_rejected(string? name)
    {
        Assert.False(AudioFormat.TryParse(name, out _));
        if (name is not null)
        {
            Assert.Contains("wav, opus, pcm, mp3, flac, aac", Assert.Throws<FormatException>(() => AudioFormat.Parse(name)).Message);
        }
    }

    [Fact]
    public void Every_format_parses_from_its_wire_name()
    {
        Assert.Equal(["wav", "opus", "pcm", "mp3", "flac", "aac"], AudioFormat.All.Select(format => format.WireName));
        Assert.All(AudioFormat.All, format => Assert.Equal(format, AudioFormat.Parse(format.WireName)));
    }

    [Fact]
    public void Each_format_has_its_mime_type_and_extension()
    {
        Assert.Equal("audio/wav", AudioFormat.Wav.ContentType(22050));
        Assert.Equal("audio/ogg; codecs=opus", AudioFormat.Opus.ContentType(22050));
        Assert.Equal("audio/pcm;rate=24000;channels=1", AudioFormat.Pcm.ContentType(24000));
        Assert.Equal("audio/mpeg", AudioFormat.Mp3.ContentType(24000));
        Assert.Equal("audio/flac", AudioFormat.Flac.ContentType(24000));
        Assert.Equal("audio/aac", AudioFormat.Aac.ContentType(24000));
        Assert.Equal([".wav", ".opus", ".pcm", ".mp3", ".flac", ".aac"], AudioFormat.All.Select(format => format.FileExtension));
    }

    [Fact]
    public void Only_wav_and_pcm_have_a_length_known_before_encoding()
    {
        Assert.True(AudioFormat.Wav.HasExactLength);
        Assert.True(AudioFormat.Pcm.HasExactLength);
        Assert.False(AudioFormat.Opus.HasExactLength);
        Assert.False(AudioFormat.Mp3.HasExactLength);
        Assert.False(AudioFormat.Flac.HasExactLength);
        Assert.False(AudioFormat.Aac.HasExactLength);
    }
}
