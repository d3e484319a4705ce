using CastInspect.Storage.Viewer;
using Dapper;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class UserStoreTests : IAsyncLifetime
{
    private readonly ViewerStore _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task AddAsync_ThenVerifyWithRightPassword_ReturnsUserWithRole()
    {
        var users = new UserStore(_store.Connections);
        await users.AddAsync("rita", ViewerRole.Reviewer, "s3cret-password");

        var ok = await users.VerifyAsync("RITA", "s3cret-password");
        var wrong = await users.VerifyAsync("rita", "s3cret-passwore");
        var unknown = await users.VerifyAsync("nobody", "s3cret-password");

        Assert.NotNull(ok);
        Assert.Equal(ViewerRole.Reviewer, ok.Role);
        Assert.Null(wrong);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task AddAsync_Password_IsStoredAsSaltedHashOnly()
    {
        var users = new UserStore(_store.Connections);
        await users.AddAsync("a", ViewerRole.Viewer, "same-password");
        await users.AddAsync("b", ViewerRole.Viewer, "same-password");

        await using var c = await _store.Connections.OpenAsync();
        var hashes = (await c.QueryAsync<string>("SELECT password_hash FROM users ORDER BY name")).ToList();

        Assert.All(hashes, h => Assert.DoesNotContain("same-password", h, StringComparison.Ordinal));
        Assert.All(hashes, h => Assert.StartsWith("pbkdf2-sha512$", h, StringComparison.Ordinal));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task AddAsync_ExistingNameOtherCase_IsRefusedAsConflict()
    {
        var users = new UserStore(_store.Connections);
        await users.AddAsync("Rita", ViewerRole.Reviewer, "s3cret-password");

        var e = await Assert.ThrowsAsync<ViewerStoreException>(() => users.AddAsync("rita", ViewerRole.Viewer, "other-password"));

        Assert.Equal(ViewerStoreProblem.Conflict, e.Problem);
        Assert.Contains("exists", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_ShortPassword_IsRefusedNamingTheMinimum()
    {
        var users = new UserStore(_store.Connections);

        var e = await Assert.ThrowsAsync<ViewerStoreException>(() => users.AddAsync("rita", ViewerRole.Reviewer, "short"));

        Assert.Equal(ViewerStoreProblem.Invalid, e.Problem);
        Assert.Contains("8", e.Message, StringComparison.Ordinal);
        Assert.Empty(await users.ListAsync());
    }

    [Fact]
    public async Task DisableAsync_User_CanNoLongerLogInButIsListed()
    {
        var users = new UserStore(_store.Connections);
        await users.AddAsync("victor", ViewerRole.Viewer, "s3cret-password");

        await users.DisableAsync("victor");

        Assert.Null(await users.VerifyAsync("victor", "s3cret-password"));
        Assert.True(Assert.Single(await users.ListAsync()).Disabled);
        Assert.Equal(ViewerStoreProblem.NotFound, (await Assert.ThrowsAsync<ViewerStoreException>(() => users.DisableAsync("ghost"))).Problem);
    }
}
