namespace CastInspect.Pipeline.Interim;

/// <summary>A decoded grey image: integer grey values held as float, row-major.</summary>
internal sealed record DecodedImage(float[] Pixels, int Width, int Height, int BitDepth);
