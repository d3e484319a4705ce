using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CastInspect.Storage.Viewer;

/// <summary>
/// Salted PBKDF2 (HMAC-SHA512) password hashes stored as <c>pbkdf2-sha512$iterations$salt$hash</c> (base64),
/// compared in constant time.
/// </summary>
public static class PasswordHasher
{
    /// <summary>PBKDF2 iterations for new hashes (OWASP 2023 figure for HMAC-SHA512). Stored with each hash.</summary>
    public const int Iterations = 210_000;

    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations, expected.Length), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Spends the same time as a real check, so an unknown user name answers no faster than a wrong password.</summary>
    public static void VerifyDummy(string password) =>
        _ = Derive(password ?? string.Empty, new byte[SaltBytes], Iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations, int length = HashBytes) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, length);
}
