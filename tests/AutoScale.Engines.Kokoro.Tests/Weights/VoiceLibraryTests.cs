using AutoScale.Engines.Kokoro.Weights;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

public sealed class VoiceLibraryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("voices-").FullName;

    [Fact]
    public void Voices_load_by_file_name_once_and_a_comma_list_is_their_mean()
    {
        using var scope = NewDisposeScope();
        Write("af_one", 1f);
        Write("af_two", 3f);
        using var library = new VoiceLibrary(_folder);

        var one = library.Get("af_one");
        var mix = library.Get("af_one, af_two");

        Assert.Equal(["af_one", "af_two"], library.Names);
        Assert.Same(one, library.Get("af_one"));
        Assert.Equal("af_one(0.5)+af_two(0.5)", mix.Name);
        Assert.True(mix.Styles.eq(2f).all().item<bool>());
    }

    [Fact]
    public void A_weighted_blend_is_made_once_whichever_way_it_is_written()
    {
        using var scope = NewDisposeScope();
        Write("af_one", 1f);
        Write("af_two", 5f);
        using var library = new VoiceLibrary(_folder);

        var blend = library.Get("af_one(3)+af_two(1)");

        // 3/4 of 1 plus 1/4 of 5.
        Assert.True(blend.Styles.sub(2f).abs().max().item<float>() < 1e-6f);
        Assert.Same(blend, library.Get("af_one(1.5) + af_two(0.5)"));
        Assert.Same(library.Get("af_one"), library.Get("af_one(2)"));
    }

    [Theory]
    [InlineData("../af_one")]
    [InlineData("/etc/passwd")]
    [InlineData("af_one+")]
    [InlineData("af_one(0)+af_two")]
    public void A_name_that_is_not_a_plain_file_stem_is_refused(string name)
    {
        using var library = new VoiceLibrary(_folder);

        Assert.Throws<ArgumentException>(() => library.Get(name));
    }

    [Fact]
    public void An_unknown_voice_fails_naming_it()
    {
        using var library = new VoiceLibrary(_folder);

        var error = Assert.Throws<FileNotFoundException>(() => library.Get("zz_nobody"));

        Assert.Contains("zz_nobody", error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, float value)
    {
        using var voice = VoicePack.FromTensor(name, full(510, 1, 256, value));
        voice.Save(Path.Combine(_folder, name + ".pt"));
    }
}
