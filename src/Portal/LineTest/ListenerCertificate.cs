using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.LineTest;

/// <summary>
/// The certificate the listeners present: the operator's PEM files, or one made at first start and kept in
/// the data folder, so a restart shows customers the same certificate.
/// </summary>
public static class ListenerCertificate
{
    public const string CertFile = "line-test-cert.pem";
    public const string KeyFile = "line-test-key.pem";

    public static X509Certificate2 Load(LineTestOptions options, DataOptions data, ILogger logger)
    {
        if (options.Certificate.CertPath.Length > 0)
        {
            try { return X509Certificate2.CreateFromPemFile(options.Certificate.CertPath, options.Certificate.KeyPath); }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"LineTest:Certificate could not be read from {options.Certificate.CertPath} and {options.Certificate.KeyPath}: {e.Message}", e);
            }
        }
        var folder = data.DatabaseFolder ?? Path.GetDirectoryName(Path.GetFullPath(data.KeysFolder)) ?? ".";
        var certPath = Path.Combine(folder, CertFile);
        var keyPath = Path.Combine(folder, KeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath)) return X509Certificate2.CreateFromPemFile(certPath, keyPath);

        Directory.CreateDirectory(folder);
        var name = options.PublicHost.Length > 0 ? options.PublicHost : "line-test.invalid";
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(3));
        // Written aside and moved in, key first and private to the portal's user; the certificate's presence means both are complete.
        var suffix = $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(keyPath + suffix, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath + suffix, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(certPath + suffix, made.ExportCertificatePem());
        File.Move(keyPath + suffix, keyPath, overwrite: true);
        File.Move(certPath + suffix, certPath, overwrite: true);
        logger.LogInformation("Made a self-signed certificate for the line-test listeners: {Path} (set LineTest:Certificate to use your own)", certPath);
        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }
}
