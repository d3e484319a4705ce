namespace CastInspect.Core.Measurement;

/// <summary>Segmentation classes; the numeric values are the mask and model output indices.</summary>
public enum DefectClass
{
    Porosity = 1,
    ColdShut = 2,
}
