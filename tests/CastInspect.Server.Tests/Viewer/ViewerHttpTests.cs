using System.Net;
using OpenCvSharp;

namespace CastInspect.Server.Tests.Viewer;

[Collection(ViewerCollection.Name)]
public sealed class ViewerHttpTests(ViewerHostFixture host)
{
    [Fact]
    public async Task LoginPage_Anonymous_IsServed()
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        using var response = await http.GetAsync("/login");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("__RequestVerificationToken", body, StringComparison.Ordinal);
    }
}
