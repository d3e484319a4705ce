using CastInspect.Core.Parts;

namespace CastInspect.Core.Tests.Parts;

public sealed class PartProgramCatalogTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("ci-catalog-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void LoadFolder_Samples_FindsEachByPartNumber()
    {
        var catalog = PartProgramCatalog.LoadFolder(SamplePartPrograms.Folder);

        Assert.Equal(["UB-R-1000", "generic"], catalog.All.Select(p => p.PartNumber));
        Assert.Equal(5, catalog.Find("UB-R-1000")!.Views.Count);
        Assert.Null(catalog.Find("UB-R-9999"));
    }

    [Fact]
    public void LoadFolder_SidecarBesideItsPartProgram_IsSkipped()
    {
        File.Copy(SamplePartPrograms.GenericPath, Path.Combine(dir.FullName, "generic.json"));
        File.WriteAllText(Path.Combine(dir.FullName, "generic.geometry.json"), "{\"views\": []}");

        var catalog = PartProgramCatalog.LoadFolder(dir.FullName);

        Assert.Equal(["generic"], catalog.All.Select(p => p.PartNumber));
    }

    [Fact]
    public void LoadFolder_DottedFileWithoutItsPartProgram_IsLoadedAndReported()
    {
        File.WriteAllText(Path.Combine(dir.FullName, "stray.geometry.json"), "{\"views\": []}");

        var ex = Assert.Throws<PartProgramException>(() => PartProgramCatalog.LoadFolder(dir.FullName));

        Assert.All(ex.Problems, p => Assert.EndsWith("stray.geometry.json", p.File, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFolder_SamePartNumberTwice_NamesBothFiles()
    {
        File.Copy(SamplePartPrograms.GenericPath, Path.Combine(dir.FullName, "a.json"));
        File.Copy(SamplePartPrograms.GenericPath, Path.Combine(dir.FullName, "b.json"));

        var ex = Assert.Throws<PartProgramException>(() => PartProgramCatalog.LoadFolder(dir.FullName));

        var problem = Assert.Single(ex.Problems);
        Assert.EndsWith("b.json", problem.File, StringComparison.Ordinal);
        Assert.Contains("a.json", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFolder_OneInvalidFile_FailsNamingTheFileAndField()
    {
        File.Copy(SamplePartPrograms.GenericPath, Path.Combine(dir.FullName, "generic.json"));
        File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), File.ReadAllText(SamplePartPrograms.UnderbodyPath).Replace("\"revision\": 2", "\"revision\": -1", StringComparison.Ordinal));

        var ex = Assert.Throws<PartProgramException>(() => PartProgramCatalog.LoadFolder(dir.FullName));

        Assert.Contains("broken.json: revision: must be 1 or more, got -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFolder_MissingFolder_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => PartProgramCatalog.LoadFolder(Path.Combine(dir.FullName, "nope")));
}
