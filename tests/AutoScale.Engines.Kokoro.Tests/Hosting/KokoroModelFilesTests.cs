using AutoScale.Engines.Kokoro.Hosting;

namespace AutoScale.Engines.Kokoro.Tests.Hosting;

public sealed class KokoroModelFilesTests
{
    [Fact]
    public void Missing_files_are_each_named_and_a_complete_folder_has_no_problem()
    {
        var models = Directory.CreateTempSubdirectory("autoscale-models-").FullName;
        var files = KokoroModelFiles.Under(models);

        Assert.Equal([$"the folder {files.Folder} does not exist"], files.Inspect());

        Directory.CreateDirectory(files.Voices);
        File.WriteAllText(files.Config, "{}");
        var problems = files.Inspect();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("kokoro-v1_0.pth is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no voices", StringComparison.Ordinal));

        File.WriteAllText(files.Weights, "");
        File.WriteAllText(Path.Combine(files.Voices, "af_heart.pt"), "");
        Assert.Empty(files.Inspect());
        Directory.Delete(models, recursive: true);
    }
}
