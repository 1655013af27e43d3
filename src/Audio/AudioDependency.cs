using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>
/// Something an encoder needs from the system, looked for once: a shared library loaded through P/Invoke, or a
/// program run as a child process. Checked when an encoder is created, so that a missing package is one clear
/// sentence at once instead of a <see cref="DllNotFoundException"/> in the middle of a stream.
/// </summary>
internal sealed class AudioDependency
{
    private readonly string _purpose;
    private readonly string _name;
    private readonly string _package;
    private readonly Lazy<string?> _location;

    private AudioDependency(string purpose, string name, string package, Func<string?> find)
    {
        _purpose = purpose;
        _name = name;
        _package = package;
        _location = new Lazy<string?>(find);
    }

    public static AudioDependency Lame { get; } = Library("MP3 encoding", LameNative.LibraryName, "libmp3lame0");

    public static AudioDependency Flac { get; } =
        Library("FLAC encoding", FlacNative.LibraryName, "libflac12 (libflac12t64 on Ubuntu 24.04)");

    public static AudioDependency Soxr { get; } = Library("Resampling", SoxrNative.LibraryName, "libsoxr0");

    public static AudioDependency Ffmpeg { get; } = Program("AAC encoding", "ffmpeg", "ffmpeg");

    public bool IsInstalled => _location.Value is not null;

    public string MissingMessage => $"{_purpose} needs {_name}, which is not installed: apt-get install {_package}.";

    /// <summary>The library's name or the program's full path.</summary>
    /// <exception cref="AudioCodecUnavailableException">It is not installed.</exception>
    public string Location => _location.Value ?? throw new AudioCodecUnavailableException(MissingMessage);

    /// <summary>A shared library, found as P/Invoke finds it.</summary>
    internal static AudioDependency Library(string purpose, string fileName, string package) =>
        new(purpose, fileName, package, () =>
            NativeLibrary.TryLoad(fileName, typeof(AudioDependency).Assembly, searchPath: null, out _) ? fileName : null);

    /// <summary>A program, found on the PATH.</summary>
    internal static AudioDependency Program(string purpose, string name, string package) =>
        new(purpose, $"the {name} program", package, () =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists));
}
