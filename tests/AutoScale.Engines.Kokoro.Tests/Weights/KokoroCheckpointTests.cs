using System.Collections;
using AutoScale.Engines.Kokoro.Weights;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

public sealed class KokoroCheckpointTests
{
    [Fact]
    public void A_saved_model_loads_into_a_fresh_one_bit_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var saved = new TinyKokoro().Randomized();
        manual_seed(2);
        var loaded = new TinyKokoro().Randomized();

        using (var checkpoint = KokoroCheckpoint.Read(Saved(saved)))
        {
            checkpoint.LoadInto(loaded);
        }

        var expected = saved.state_dict();
        var actual = loaded.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.True(Bits.Equal(e.Value, actual[e.Key]), $"{e.Key} differs after the round trip"));
    }

    [Fact]
    public void The_writer_uses_the_official_layout_of_five_state_dicts_with_module_prefixed_weight_norm_names()
    {
        using var scope = NewDisposeScope();
        var root = PyTorchUnpickler.UnpickleStateDict(Saved(new TinyKokoro()));

        Assert.Equal(KokoroCheckpoint.Parts.Order(), root.Keys.Cast<string>().Order());
        var decoder = Assert.IsAssignableFrom<IDictionary>(root["decoder"]);
        Assert.Equal(
            ["module.conv_post.weight_g", "module.conv_post.weight_v", "module.ups.0.bias", "module.ups.0.weight_g", "module.ups.0.weight_v",
             "module.ups.1.bias", "module.ups.1.weight_g", "module.ups.1.weight_v"],
            decoder.Keys.Cast<string>().Order());
        var encoder = Assert.IsAssignableFrom<IDictionary>(root["bert_encoder"]);
        Assert.Equal([6L, 4L], Assert.IsAssignableFrom<Tensor>(encoder["module.weight"]).shape);
    }

    [Fact]
    public void A_shape_mismatch_fails_naming_the_key_and_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var checkpoint = KokoroCheckpoint.Read(Saved(new TinyKokoro(decoderKernel: 5)));

        var error = Assert.Throws<KokoroCheckpointMismatchException>(() => checkpoint.LoadInto(new TinyKokoro(decoderKernel: 4)));

        Assert.Contains("decoder.ups.0.weight_v: checkpoint [6,4,5], model [6,4,4]", error.Message);
        Assert.Contains("decoder.ups.1.weight_v: checkpoint [4,4,5], model [4,4,4]", error.Message);
        Assert.Empty(error.MissingKeys);
        Assert.Empty(error.UnexpectedKeys);
    }

    [Fact]
    public void A_key_the_checkpoint_lacks_fails_naming_it_and_copies_nothing()
    {
        using var scope = NewDisposeScope();
        using var checkpoint = KokoroCheckpoint.Read(Saved(new TinyKokoro().Randomized()));
        var model = new TinyKokoro(decoderExtra: true);
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());

        var error = Assert.Throws<KokoroCheckpointMismatchException>(() => checkpoint.LoadInto(model));

        Assert.Equal(["decoder.extra.bias", "decoder.extra.weight"], error.MissingKeys);
        Assert.Contains("decoder.extra.weight", error.Message);
        Assert.All(model.state_dict(), e => Assert.True(Bits.Equal(e.Value, before[e.Key]), $"{e.Key} was overwritten"));
    }

    [Fact]
    public void A_key_the_model_lacks_fails_naming_it()
    {
        using var scope = NewDisposeScope();
        using var checkpoint = KokoroCheckpoint.Read(Saved(new TinyKokoro(decoderExtra: true)));

        var error = Assert.Throws<KokoroCheckpointMismatchException>(() => checkpoint.LoadInto(new TinyKokoro()));

        Assert.Equal(["decoder.extra.bias", "decoder.extra.weight"], error.UnexpectedKeys);
        Assert.Contains("decoder.extra.bias", error.Message);
    }

    [Fact]
    public void Berts_old_position_ids_buffer_in_the_checkpoint_is_ignored_when_the_model_has_none()
    {
        using var scope = NewDisposeScope();
        using var checkpoint = KokoroCheckpoint.Read(Saved(new TinyKokoro(bertPositionIds: true)));

        Assert.Contains("bert.embeddings.position_ids", checkpoint.Tensors.Keys);
        checkpoint.LoadInto(new TinyKokoro());
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        using var garbage = new MemoryStream("not a checkpoint"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => KokoroCheckpoint.Read(garbage, "kokoro-v1_0.pth"));

        Assert.Contains("kokoro-v1_0.pth is not a torch.save zip archive", error.Message);
    }

    private static MemoryStream Saved(nn.Module model)
    {
        var stream = new MemoryStream();
        KokoroCheckpointWriter.Write(model, stream);
        stream.Position = 0;
        return stream;
    }
}
