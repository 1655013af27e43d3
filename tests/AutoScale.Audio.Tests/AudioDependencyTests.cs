namespace AutoScale.Audio.Tests;

public sealed class AudioDependencyTests
{
    [Fact]
    public void A_missing_library_is_one_sentence_naming_its_package()
    {
        var missing = AudioDependency.Library("MP3 encoding", "libmp3lame.so.99", "libmp3lame99");

        var thrown = Assert.Throws<AudioCodecUnavailableException>(() => missing.Location);

        Assert.False(missing.IsInstalled);
        Assert.Equal("MP3 encoding needs libmp3lame.so.99, which is not installed: apt-get install libmp3lame99.", thrown.Message);
    }

    [Fact]
    public void A_missing_program_is_one_sentence_naming_its_package()
    {
        var missing = AudioDependency.Program("AAC encoding", "ffmpeg-that-is-not-there", "ffmpeg");

        var thrown = Assert.Throws<AudioCodecUnavailableException>(() => missing.Location);

        Assert.Equal("AAC encoding needs the ffmpeg-that-is-not-there program, which is not installed: apt-get install ffmpeg.", thrown.Message);
    }

    [Fact]
    public void Formats_without_dependencies_are_always_available()
    {
        Assert.All([AudioFormat.Wav, AudioFormat.Pcm, AudioFormat.Opus], format =>
        {
            Assert.True(AudioEncoders.IsAvailable(format, resampling: false, out var reason));
            Assert.Null(reason);
        });
    }

    [NeedsFact("mp3", "flac", "aac", "soxr")]
    public void Every_format_can_be_encoded_and_resampled_where_the_prerequisites_are_installed()
    {
        Assert.All(AudioFormat.All, format => Assert.True(AudioEncoders.IsAvailable(format, resampling: true, out _)));
    }
}
