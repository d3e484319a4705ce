using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>A ground-truth defect as written to the manifest: measured from the mask like the pipeline measures model output.</summary>
/// <param name="DetectabilitySnr">The ideal observer's signal-to-noise ratio of the flaw in its image (<see cref="Detectability"/>).</param>
public sealed record SynthDefect(MeasuredDefect Measured, SynthDefectKind Kind, double DepthFraction, double DetectabilitySnr)
{
    /// <summary>At or above the Rose criterion: a flaw a perfect detector would be expected to find.</summary>
    public bool Visible => DetectabilitySnr >= Detectability.RoseCriterion;
}

/// <summary>One rendered view of one synthetic part, with its ground truth. Owns the image and mask.</summary>
public sealed class SynthView : IDisposable
{
    internal SynthView(
        ViewDefinition view,
        Mat image,
        Mat mask,
        ViewTransform transform,
        IReadOnlyList<SynthDefect> defects,
        IReadOnlyList<SynthLookAlike> lookAlikes,
        IReadOnlyDictionary<string, double> acquisition)
    {
        View = view;
        Image = image;
        Mask = mask;
        Transform = transform;
        Defects = defects;
        LookAlikes = lookAlikes;
        Acquisition = acquisition;
    }

    public ViewDefinition View { get; }

    /// <summary>16-bit X-ray or 8-bit surface image.</summary>
    public Mat Image { get; }

    /// <summary>8-bit class mask: 0 background, 1 porosity, 2 cold shut.</summary>
    public Mat Mask { get; }

    /// <summary>True image px → view mm (the fixture pose the part was shot in).</summary>
    public ViewTransform Transform { get; }

    public IReadOnlyList<SynthDefect> Defects { get; }

    public IReadOnlyList<SynthLookAlike> LookAlikes { get; }

    public IReadOnlyDictionary<string, double> Acquisition { get; }

    public void Dispose()
    {
        Image.Dispose();
        Mask.Dispose();
    }
}
