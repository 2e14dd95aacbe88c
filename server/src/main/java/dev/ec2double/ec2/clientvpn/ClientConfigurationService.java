package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientCertificateRevocationListRequest;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientCertificateRevocationListResponse;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.ImportClientVpnClientCertificateRevocationListRequest;
import software.amazon.awssdk.services.ec2.model.ImportClientVpnClientCertificateRevocationListResponse;

/**
 * What clients are given: the OpenVPN configuration file (the endpoint's host name, port,
 * transport, and the CA of its server certificate, as AWS exports it), and the client certificate
 * revocation list, imported as PEM (checked by parsing it; at most 20,000 entries, AWS's quota) and
 * exported as it was imported.
 * https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoint-export.html
 */
public final class ClientConfigurationService {
  static final int MAX_REVOKED = 20_000;

  private final ServerCertificates certificates;

  public ClientConfigurationService(ServerCertificates certificates) {
    this.certificates = certificates;
  }

  public ExportClientVpnClientConfigurationResponse exportClientVpnClientConfiguration(
      RequestContext ctx, ExportClientVpnClientConfigurationRequest req) {
    String text;
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      text = OpenVpnConfig.of(ctx, e, certificates.caPem(e.serverCertificateArn));
    }
    return ExportClientVpnClientConfigurationResponse.builder().clientConfiguration(text).build();
  }

  public ImportClientVpnClientCertificateRevocationListResponse
      importClientVpnClientCertificateRevocationList(
          RequestContext ctx, ImportClientVpnClientCertificateRevocationListRequest req) {
    String pem = req.certificateRevocationList();
    if (pem == null || pem.isBlank()) {
      throw AwsException.missingParameter("CertificateRevocationList");
    }
    X509CRL crl = parse(pem);
    if (crl.getRevokedCertificates() != null && crl.getRevokedCertificates().size() > MAX_REVOKED) {
      throw new AwsException(
          "ClientVpnCertificateRevocationListLimitExceeded",
          "The certificate revocation list has more than " + MAX_REVOKED + " entries.");
    }
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId()).crl = pem.strip() + "\n";
    }
    return ImportClientVpnClientCertificateRevocationListResponse.builder()
        .returnValue(true)
        .build();
  }

  private static X509CRL parse(String pem) {
    if (!pem.contains("-----BEGIN X509 CRL-----")) {
      throw AwsException.invalidParameterValue(
          "The certificate revocation list must be PEM: -----BEGIN X509 CRL----- ...");
    }
    try {
      return (X509CRL)
          CertificateFactory.getInstance("X.509")
              .generateCRL(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw AwsException.invalidParameterValue(
          "The certificate revocation list cannot be read: " + ex.getMessage());
    }
  }

  public ExportClientVpnClientCertificateRevocationListResponse
      exportClientVpnClientCertificateRevocationList(
          RequestContext ctx, ExportClientVpnClientCertificateRevocationListRequest req) {
    ClientVpnStore s = ClientVpnStore.of(ctx.state());
    synchronized (s) {
      ClientVpnStore.Endpoint e = ClientVpnEndpoints.get(ctx, req.clientVpnEndpointId());
      var b = ExportClientVpnClientCertificateRevocationListResponse.builder();
      if (e.crl != null) {
        b.certificateRevocationList(e.crl).status(st -> st.code("active"));
      }
      return b.build();
    }
  }
}
