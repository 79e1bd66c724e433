using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Hosting.Auth;

/// <summary>
/// The HMAC key for tokens: the configured one, or one generated once and kept in the data folder,
/// so tokens stay valid across restarts of the same silo.
/// </summary>
public static class SigningKeyProvider
{
    private const string FileName = "signing.key";

    /// <summary>Returns the key, creating and storing it when none is configured.</summary>
    public static SymmetricSecurityKey Resolve(string? configured, string dataPath)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
            }

            return new SymmetricSecurityKey(bytes);
        }

        var path = Path.Combine(dataPath, FileName);
        if (!File.Exists(path))
        {
            var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(Encoding.ASCII.GetBytes(generated));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo on the same folder created it first; use theirs.
            }
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
