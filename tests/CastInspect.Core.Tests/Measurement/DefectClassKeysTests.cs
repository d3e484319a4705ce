using CastInspect.Core.Measurement;

namespace CastInspect.Core.Tests.Measurement;

public class DefectClassKeysTests
{
    [Theory]
    [InlineData(DefectClass.Porosity, "porosity")]
    [InlineData(DefectClass.ColdShut, "cold_shut")]
    public void Of_EachClass_GivesTheKeyParseReadsBack(DefectClass defectClass, string key)
    {
        Assert.Equal(key, DefectClassKeys.Of(defectClass));
        Assert.Equal(defectClass, DefectClassKeys.Parse(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Porosity")]
    [InlineData("cold shut")]
    [InlineData("background")]
    public void Parse_AnyOtherText_IsNull(string? key) => Assert.Null(DefectClassKeys.Parse(key));

    [Fact]
    public void Of_NumberNotAClass_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => DefectClassKeys.Of((DefectClass)0));
}
