using System.Text.Json;
using AutoScale.Models.Verification;

namespace AutoScale.Models.Records;

/// <summary>
/// <c>.download-record.json</c> in the manifest's folder: the repository and revision, and per file the size, checksum
/// and last write time it had when it was verified. A file the record still describes is in place without asking the
/// hub; the record is rewritten (atomically) after each verified file, so an interrupted run keeps what it finished.
/// A record of another repository or revision, or one that cannot be read, vouches for nothing.
/// </summary>
public sealed class DownloadRecord
{
    public const string FileName = ".download-record.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _path;
    private readonly Document _document;

    private DownloadRecord(string path, Document document)
    {
        _path = path;
        _document = document;
    }

    public static DownloadRecord Load(string folder, ModelManifest manifest)
    {
        var path = Path.Combine(folder, FileName);
        var fresh = new Document(manifest.Repository, manifest.Revision, new Dictionary<string, RecordedFile>());
        try
        {
            var read = File.Exists(path) ? JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json) : null;
            return new DownloadRecord(path, read is not null && read.Repository == manifest.Repository
                                             && read.Revision == manifest.Revision && read.Files is not null
                ? read with { Files = new Dictionary<string, RecordedFile>(read.Files) }
                : fresh);
        }
        catch (JsonException)
        {
            return new DownloadRecord(path, fresh);
        }
    }

    /// <summary>Whether <paramref name="target"/> is still the file verified as <paramref name="path"/>.</summary>
    public bool Vouches(string path, string target) =>
        _document.Files.TryGetValue(path, out var recorded) && recorded.Describes(new FileInfo(target));

    /// <summary>Records a verified file and writes the record at once.</summary>
    public void Remember(string path, string target, ContentHash hash)
    {
        var file = new FileInfo(target);
        _document.Files[path] = new RecordedFile(file.Length, hash.ToString(), file.LastWriteTimeUtc);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_document, Json));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record Document(string Repository, string Revision, Dictionary<string, RecordedFile> Files);
}
