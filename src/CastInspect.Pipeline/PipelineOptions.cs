namespace CastInspect.Pipeline;

/// <summary>Where the pipeline finds its models and part programs. Bound from configuration section "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Folder with manifest.json and the .onnx files. Default "models" (relative to the working directory).</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Folder with part program JSON files. Default "samples/parts".</summary>
    public string PartProgramsDirectory { get; set; } = "samples/parts";

    /// <summary>Views of one part inspected at the same time. Default 1: one view at a time, each using all inference threads.</summary>
    public int MaxParallelViews { get; set; } = 1;
}
