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

    [Fact]
    public async Task Pages_Anonymous_RedirectToLogin()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(host.BaseUrl) };

        using var queue = await http.GetAsync("/");
        using var image = await http.GetAsync($"/images/parts/{host.PartIds[0]}/XR-1.png");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/login", queue.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, image.StatusCode);
    }

    [Fact]
    public async Task ViewImage_16BitArchive_IsServedAsWindowed8BitPng()
    {
        using var http = await LoggedInAsync();

        var png = await http.GetByteArrayAsync($"/images/parts/{host.PartIds[^1]}/XR-2.png");

        using var decoded = Cv2.ImDecode(png, ImreadModes.Unchanged);
        Assert.Equal((1024, 1024, MatType.CV_8UC1), (decoded.Width, decoded.Height, decoded.Type()));
        Cv2.MinMaxLoc(decoded, out double min, out double max);
        Assert.True(min <= 5 && max >= 250, $"window should use the 8-bit range, got {min}..{max}");
    }

    [Fact]
    public async Task ViewImage_UnknownIdsOrPathLikeNames_AreNotFound()
    {
        using var http = await LoggedInAsync();

        using var unknownPart = await http.GetAsync("/images/parts/999999/XR-1.png");
        using var unknownView = await http.GetAsync($"/images/parts/{host.PartIds[0]}/..%2F..%2Fcastinspect.db.png");
        using var unknownSha = await http.GetAsync($"/images/{new string('a', 64)}.png");

        Assert.Equal(HttpStatusCode.NotFound, unknownPart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSha.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_Is401AndNoCookie()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(host.BaseUrl) };

        using var response = await PostLoginAsync(http, "rita", "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(handler.CookieContainer.GetCookies(new Uri(host.BaseUrl)), c => c.Name == "castinspect.viewer");
    }

    private async Task<HttpClient> LoggedInAsync()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(host.BaseUrl) };
        using var response = await PostLoginAsync(http, "victor", ViewerHostFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string user, string password)
    {
        var form = await http.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = user,
            ["password"] = password,
        });
        return await http.PostAsync("/login", body);
    }
}
