using CastInspect.Core.Measurement;

namespace CastInspect.Storage.Viewer;

/// <summary>The <c>defects.class</c> column read back: a key this version does not write is an error, never a pore.</summary>
internal static class StoredDefectClass
{
    /// <param name="stored">The column's text.</param>
    /// <param name="row">Names the row in the message ("defect 3", "a defect").</param>
    public static DefectClass Read(string stored, string row) =>
        DefectClassKeys.Parse(stored) ?? throw new InvalidDataException($"{row} has class '{stored}', which this version does not know");
}
