using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Viewer;

/// <summary>Named viewer users with salted PBKDF2 password hashes. Users are disabled, never deleted (the audit trail names them).</summary>
public sealed class UserStore(SqliteConnectionFactory connections)
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 8;

    private const int MaxNameLength = 64;

    private const string Select = "SELECT id AS Id, name AS Name, role AS Role, password_hash AS PasswordHash, created_utc AS CreatedUtc, disabled AS Disabled FROM users";

    /// <exception cref="ViewerStoreException">The name is taken or not usable, or the password is too short.</exception>
    public async Task<ViewerUser> AddAsync(string name, ViewerRole role, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        name = ValidName(name);
        if (password.Length < MinPasswordLength)
        {
            throw new ViewerStoreException(ViewerStoreProblem.Invalid, $"password for '{name}' is too short: at least {MinPasswordLength} characters");
        }

        var hash = PasswordHasher.Hash(password);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.ExecuteAsync(
                    "INSERT INTO users (name, role, password_hash, created_utc, disabled) VALUES (@name, @role, @hash, @now, 0)",
                    new { name, role = ViewerRoles.Of(role), hash, now = ViewerText.Time(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new ViewerStoreException(ViewerStoreProblem.Conflict, $"user '{name}' exists already");
            }

            var row = await connection.QuerySingleAsync<UserRow>(Select + " WHERE name = @name", new { name }).ConfigureAwait(false);
            return row.ToUser();
        }
    }

    /// <summary>The user when the name and password match an enabled user; null otherwise (same time either way).</summary>
    public async Task<ViewerUser?> VerifyAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        var row = await FindRowAsync(name, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            PasswordHasher.VerifyDummy(password);
            return null;
        }

        var ok = PasswordHasher.Verify(password ?? string.Empty, row.PasswordHash);
        return ok && row.Disabled == 0 ? row.ToUser() : null;
    }

    public async Task<ViewerUser?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await FindRowAsync(name, cancellationToken).ConfigureAwait(false))?.ToUser();

    public async Task<IReadOnlyList<ViewerUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<UserRow>(Select + " ORDER BY name").ConfigureAwait(false);
            return rows.Select(r => r.ToUser()).ToList();
        }
    }

    /// <exception cref="ViewerStoreException">No such user.</exception>
    public async Task DisableAsync(string name, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var changed = await connection.ExecuteAsync("UPDATE users SET disabled = 1 WHERE name = @name", new { name = name?.Trim() }).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new ViewerStoreException(ViewerStoreProblem.NotFound, $"no user '{name}'");
            }
        }
    }

    private async Task<UserRow?> FindRowAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.QuerySingleOrDefaultAsync<UserRow>(Select + " WHERE name = @name", new { name = name.Trim() }).ConfigureAwait(false);
        }
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ViewerStoreException(ViewerStoreProblem.Invalid, $"user name '{name}' is not usable: 1–{MaxNameLength} characters without spaces");
        }

        return trimmed;
    }

    private sealed class UserRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Role { get; set; } = string.Empty;

        public string PasswordHash { get; set; } = string.Empty;

        public string CreatedUtc { get; set; } = string.Empty;

        public long Disabled { get; set; }

        public ViewerUser ToUser() =>
            new(Id, Name, ViewerRoles.TryParse(Role, out var r) ? r : ViewerRole.Viewer, ViewerText.ParseTime(CreatedUtc), Disabled != 0);
    }
}
