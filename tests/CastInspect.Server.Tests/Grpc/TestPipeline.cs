using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>
/// Early-development stand-in for the pipeline (until CastInspect.Pipeline lands on main): part numbers "generic"
/// (view "image") and "UB-R-1000" (views XR-1..3, SF-1..2); images must be raw16 of the given size.
/// </summary>
internal static class TestPipeline
{
    public static string[] Settings => [];

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IPartProgramCatalog>(new Catalog());
        services.AddSingleton<IPartInspector, Inspector>();
    }

    private sealed class Catalog : IPartProgramCatalog
    {
        public IReadOnlyList<PartProgram> All { get; } =
        [
            new("generic", "any image", 1, [new ViewDefinition("image", Modality.Xray, 1024, 1024, 0.1, [], AnySize: true)]),
            new("UB-R-1000", "rear underbody", 1,
            [
                new ViewDefinition("XR-1", Modality.Xray, 1024, 1024, 0.1, []),
                new ViewDefinition("XR-2", Modality.Xray, 1024, 1024, 0.1, []),
                new ViewDefinition("XR-3", Modality.Xray, 1024, 1024, 0.1, []),
                new ViewDefinition("SF-1", Modality.Surface, 1024, 768, 0.08, []),
                new ViewDefinition("SF-2", Modality.Surface, 1024, 768, 0.08, []),
            ]),
        ];

        public PartProgram? Find(string partNumber) => All.FirstOrDefault(p => p.PartNumber == partNumber);
    }

    private sealed class Inspector : IPartInspector
    {
        public Task<PartInspection> InspectAsync(PartProgram program, IReadOnlyList<ViewImage> images, CancellationToken cancellationToken)
        {
            var views = new List<ViewVerdict>();
            var facts = new List<ViewInspection>();
            foreach (var image in images)
            {
                if (image.Encoding != ImageEncoding.Raw16 || image.Data.Length != image.RawWidth * image.RawHeight * 2)
                {
                    throw new InvalidImageException(image.ViewId, ImageProblem.UnsupportedFormat, "bytes are not an image");
                }

                views.Add(new ViewVerdict(image.ViewId, Verdict.Ok, [new ZoneVerdict("ALL", "whole image", Verdict.Ok, [])], [], []));
                facts.Add(new ViewInspection(image.ViewId, image.RawWidth, image.RawHeight, 16, ViewTransform.Identity(0.1), 1,
                    new Dictionary<string, double>(), new Dictionary<string, double> { ["infer"] = 1 }, "fake", "0"));
            }

            return Task.FromResult(new PartInspection(new PartVerdict(program.PartNumber, program.Revision, Verdict.Ok, views, []), facts, 1));
        }
    }
}
