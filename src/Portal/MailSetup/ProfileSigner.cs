namespace Portal.MailSetup;

/// <summary>Signs the Apple profile with CMS when Mail:ProfileSigning is set; otherwise iOS shows it as unverified.</summary>
public sealed class ProfileSigner(MailOptions mail)
{
    private readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2?> _certificate = new(() =>
        mail.ProfileSigning.CertificatePath.Length == 0 ? null
            : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(mail.ProfileSigning.CertificatePath, mail.ProfileSigning.KeyPath));

    public bool Signs => mail.ProfileSigning.CertificatePath.Length > 0;

    /// <summary>The signer as the installer names it (the certificate's common name), or null when profiles are not signed.</summary>
    public string? SignerName => _certificate.Value?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);

    public byte[] Sign(byte[] profile)
    {
        if (_certificate.Value is not { } certificate) return profile;
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(profile), detached: false);
        cms.ComputeSignature(new System.Security.Cryptography.Pkcs.CmsSigner(certificate));
        return cms.Encode();
    }
}
