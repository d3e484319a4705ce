using CastInspect.Core.Inspection;
using CastInspect.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CastInspect.Pipeline.Tests;

public class PipelineServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCastInspectPipeline_ConfiguredModelsFolder_ResolvesOneSharedInspectorAndCatalog()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:ModelsDirectory"] = TestImages.Models,
            ["Inference:Device"] = "cpu",
            ["Inference:BatchSize"] = "2",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddCastInspectPipeline(config).BuildServiceProvider();

        var inspector = provider.GetRequiredService<IPartInspector>();

        Assert.Same(inspector, provider.GetRequiredService<IPartInspector>());
        var catalog = provider.GetRequiredService<ModelCatalog>();
        Assert.Equal(ExecutionProviderKind.Cpu, catalog.Provider.Provider);
        Assert.All(catalog.Models, m => Assert.Equal(2, m.BatchSize));
    }
}
