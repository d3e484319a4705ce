using CastInspect.Core.Parts;

namespace CastInspect.Core.Tests.Parts;

public class EjectorPinMarksTests
{
    [Theory]
    [InlineData(9.0, 0.10, true)]
    [InlineData(5.8, 0.10, true)]   // within twice the tolerance of the smallest pin
    [InlineData(5.5, 0.10, false)]
    [InlineData(12.3, 0.10, true)]
    [InlineData(13.0, 0.10, false)]
    [InlineData(9.0, 0.20, false)]  // the pixels stray from the circle: a curved cold lap, not a pin's rim
    public void IsWitnessMark_DiameterAndFit_AgainstThePinsRange(double diameterMm, double meanDistanceMm, bool expected)
    {
        var pins = new EjectorPinMarks(6, 12, 0.16);

        Assert.Equal(expected, pins.IsWitnessMark(diameterMm, meanDistanceMm));
    }
}
