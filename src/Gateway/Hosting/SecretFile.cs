namespace AutoScale.Gateway.Hosting;

/// <summary>A secret kept in a file only its owner can read.</summary>
public static class SecretFile
{
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (Read(path) is { Length: > 0 } existing)
        {
            return existing;
        }

        var secret = create();
        Write(path, secret);
        return secret;
    }

    public static void Write(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
