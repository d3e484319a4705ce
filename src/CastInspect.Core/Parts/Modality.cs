namespace CastInspect.Core.Parts;

/// <summary>How a view is captured: an X-ray radiograph or a surface camera photograph.</summary>
public enum Modality
{
    Xray,
    Surface,
}
