using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Pipeline;
using CastInspect.Server.Reprocessing;
using CastInspect.Storage.Reprocessing;
using CastInspect.Tests.Shared;

namespace CastInspect.Server.Tests.Reprocessing;

/// <summary>
/// A store of 14 walls (12 drawn, 2 cut from a held-out radiograph) judged by the real pipeline with the original program (both zones: pores up to 2 mm),
/// shared by the reprocessing tests: clean walls, medium pores (Ø ≈ 1.4 mm) left and right, large pores (Ø ≈ 2.8 mm)
/// left, a small pore (Ø ≈ 0.6 mm) left.
/// </summary>
public sealed class ReprocessFixture : IAsyncLifetime, IDisposable
{
    public const int Size = 256;
    public const double OriginalLimitMm = 2.0;
    public const double TightenedLeftLimitMm = 1.0;

    private readonly PartInspector inspector;
    private SyntheticStore? store;

    public ReprocessFixture() => inspector = new PartInspector(Models);

    internal SyntheticStore Store => store!;

    public ModelCatalog Models { get; } = ModelCatalog.Load(
        Path.Combine(RepoRoot.Path, "models"), new InferenceOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });

    public IPartInspector Inspector => inspector;

    public PartProgram Original { get; } = SyntheticStore.Program(1, OriginalLimitMm, OriginalLimitMm, Size);

    /// <summary>Revision 2: only zone L tightened, to 1 mm.</summary>
    public PartProgram Tightened { get; } = SyntheticStore.Program(2, TightenedLeftLimitMm, OriginalLimitMm, Size);

    /// <summary>The line's result per inspection id.</summary>
    public Dictionary<long, PartInspection> LineResults { get; } = [];

    public async Task InitializeAsync()
    {
        store = await SyntheticStore.CreateAsync();
        Pore[][] designs =
        [
            [], [], [], [],
            [new(64, 80, 7)], [new(70, 180, 7)], [new(50, 128, 7)],
            [new(190, 90, 7)], [new(200, 170, 7)],
            [new(64, 128, 14)], [new(80, 60, 14)],
            [new(60, 200, 3)],
        ];
        // Drawn discs are what a tightened limit acts on in the judge; the shipped X-ray model reads such saturated discs
        // as structure, so two walls come from a held-out radiograph whose Ø 1.16 mm pore the model does find: in zone L
        // (1 mm < Ø <= 2 mm: OK for the line, NOK once L is tightened) and in zone R (untouched by the new revision).
        var images = designs.Select((d, i) => SyntheticStore.WallPng(Size, d, seed: 100 + i))
            .Append(HeldOutRadiograph.Square(Size, offsetX: 64))
            .Append(HeldOutRadiograph.Square(Size, offsetX: 0))
            .ToList();
        var start = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < images.Count; i++)
        {
            var png = images[i];
            var line = await Inspector.InspectAsync(Original, [new ViewImage("image", png)], CancellationToken.None);
            var id = await Store.AddAsync($"W-{i:D3}", Original, "image", png, line, start.AddMinutes(i));
            LineResults[id] = line;
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (store is null)
        {
            return;
        }

        inspector.Dispose();
        Models.Dispose();
        store?.Dispose();
        store = null;
    }

    internal ReprocessCoordinator Coordinator(ReprocessStore reprocessStore) => new(
        reprocessStore, new ReprocessRunner(Inspector, reprocessStore, new ArchivedImageReader(Store.Archive)), Models);
}

internal static class RepoRoot
{
    public static string Path => Repository.Root;
}
