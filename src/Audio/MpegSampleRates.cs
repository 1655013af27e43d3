namespace AutoScale.Audio;

/// <summary>
/// The sample rates of MPEG audio from 8 to 48 kHz, which MP3 (MPEG-1, 2 and 2.5 Layer III) and AAC share; the
/// engines' 22,050 and 24,000 Hz are among them. Any other rate must be resampled to one of these first.
/// </summary>
internal static class MpegSampleRates
{
    private static readonly int[] _rates = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000];

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleRate"/> is not one of them.</exception>
    public static void Require(AudioFormat format, int sampleRate)
    {
        if (!_rates.Contains(sampleRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sampleRate),
                sampleRate,
                $"{format.WireName} takes {string.Join(", ", _rates)} Hz; resample to one of them (outputSampleRate).");
        }
    }
}
