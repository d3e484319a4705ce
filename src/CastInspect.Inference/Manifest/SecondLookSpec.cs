using System.Text.Json;

namespace CastInspect.Inference.Manifest;

/// <summary>
/// One of the manifest's <c>second_looks</c> of a segmentation model: a classifier (<c>models/training/second_look.py</c>)
/// that looks again at every component of one class above the noise floor, on a square patch of [normalised image, class
/// probability] centred on it, and gives the probability that it is that class (a pore, or a cold shut rather than a dust
/// fibre or die mark). Components scoring under
/// <paramref name="MinScore"/> are screened out: listed with the reason, never judged.
/// </summary>
/// <param name="File">The .onnx file, relative to the manifest.</param>
/// <param name="Sha256">Hex SHA-256 of the file, checked at start-up.</param>
/// <param name="Class">The class it looks at again: "porosity" or "cold_shut".</param>
/// <param name="PatchPx">Patch side in px (even): the patch's top-left pixel is floor(centroid + 0.5) − PatchPx / 2.</param>
/// <param name="Input">Input tensor name; its shape is [-1, 2, PatchPx, PatchPx].</param>
/// <param name="Output">Output tensor name; its shape is [-1], one score in [0, 1] per patch.</param>
/// <param name="MinScore">Least score a component keeps (tuned with the rest of the operating point by
/// <c>castinspect tune</c>); 0 scores every component and screens none.</param>
/// <param name="MinAreaPx">Smallest component, in px found at the class threshold, that is looked at again: the least
/// candidate it was trained on; smaller ones are not scored (and the noise floor decides them).</param>
/// <param name="AlongComponent">True: a component whose box is longer than half a patch is also looked at from patches
/// centred on points of its outline at least half a patch apart, and its score is the best of them, so a long curved cold
/// lap whose centroid lies off the line is seen on it. False (default): the centroid's patch alone.</param>
/// <param name="Training">How it was trained, free-form.</param>
public sealed record SecondLookSpec(
    string File,
    string Sha256,
    string Class,
    int PatchPx,
    string Input,
    string Output,
    double MinScore,
    int MinAreaPx = 8,
    JsonElement? Training = null,
    bool AlongComponent = false);
