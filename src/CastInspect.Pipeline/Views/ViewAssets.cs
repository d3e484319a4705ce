using System.Globalization;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Decoding;
using CastInspect.Imaging.Preprocessing;
using OpenCvSharp;

namespace CastInspect.Pipeline.Views;

/// <summary>
/// The per-view files the pipeline needs on every part, loaded once: X-ray dark/flat calibration and the reference image
/// prepared exactly like incoming images (same calibration, same model windowing). Owned by <see cref="PartInspector"/>.
/// The cached objects stay alive until disposal; callers must not dispose them.
/// </summary>
internal sealed class ViewAssets : IDisposable
{
    private readonly NativeCache<Calibration> calibrations = new();
    private readonly NativeCache<Mat> references = new();

    public Calibration? CalibrationFor(ViewDefinition view)
    {
        if (view.DarkImage is null && view.FlatImage is null)
        {
            return null;
        }

        return calibrations.GetOrLoad($"{view.Id}|{view.DarkImage}|{view.FlatImage}", () => Calibration.Load(view));
    }

    /// <summary>The view's reference image as model input (float [0, 1]); null when the view has none.</summary>
    public Mat? ReferenceFor(ViewDefinition view, InputNormalisation normalisation)
    {
        if (view.ReferenceImage is not { } path)
        {
            return null;
        }

        var calibration = CalibrationFor(view);
        var key = string.Create(CultureInfo.InvariantCulture, $"{view.Id}|{path}|{view.DarkImage}|{view.FlatImage}|{normalisation.LowPercentile}|{normalisation.HighPercentile}|{normalisation.Transform}");
        return references.GetOrLoad(key, () =>
        {
            using var decoded = ImageDecoder.DecodeFile(path, view.Id);
            return Preprocessor.Prepare(decoded, view.Modality, normalisation, calibration);
        });
    }

    public void Dispose()
    {
        references.Dispose();
        calibrations.Dispose();
    }
}
