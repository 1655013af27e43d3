using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Phonemes;

namespace AutoScale.Bench;

/// <summary>The phonemes the Kokoro engine would speak for a text, chunked as it chunks (American English).</summary>
public sealed class PhonemeCounter(KokoroConfig config)
{
    private readonly ESpeakPhonemizer _phonemizer = new();
    private readonly KokoroPhonemeMapper _mapper = new(config);

    public IReadOnlyList<int> Chunks(string text) =>
        [.. PhonemeChunker.ForLanguage(_phonemizer, "en-us").Split(text).Select(chunk => _mapper.Encode(chunk.Phonemes).PhonemeCount)];

    public int Count(string text) => Chunks(text).Sum();

    /// <summary>The longest prefix of <paramref name="text"/>, in whole words, that the engine speaks as one chunk.</summary>
    public string LongestSingleChunk(string text)
    {
        var words = text.Split(' ');
        int low = 1, high = words.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Chunks(string.Join(' ', words[..middle])).Count == 1)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return string.Join(' ', words[..low]);
    }
}
