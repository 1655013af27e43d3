using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>Runs a batch-first LSTM over padded sequences so padding never reaches the real steps (PyTorch's pack/pad pair).</summary>
public static class PackedLstm
{
    /// <param name="lstm">A batch-first LSTM.</param>
    /// <param name="x"><c>[B, T, C]</c>.</param>
    /// <param name="lengths"><c>[B]</c> valid steps per item.</param>
    /// <returns><c>[B, T, H]</c>, zero past each item's length.</returns>
    public static Tensor Run(LSTM lstm, Tensor x, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        var packed = nn.utils.rnn.pack_padded_sequence(x, lengths.to(int64).cpu(), batch_first: true, enforce_sorted: false);
        var (output, _, _) = lstm.call(packed);
        var (padded, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: x.shape[1]);
        return padded.MoveToOuterDisposeScope();
    }
}
