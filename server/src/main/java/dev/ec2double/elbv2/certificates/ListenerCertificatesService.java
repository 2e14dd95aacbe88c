package dev.ec2double.elbv2.certificates;

import dev.ec2double.core.RequestContext;
import dev.ec2double.elbv2.CertificateArns;
import dev.ec2double.elbv2.Elbv2Errors;
import dev.ec2double.elbv2.Elbv2Store;
import dev.ec2double.elbv2.ListenerRecord;
import dev.ec2double.elbv2.Markers;
import dev.ec2double.elbv2.runtime.Elbv2;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveListenerCertificatesResponse;

/**
 * An HTTPS listener's certificate list beside its default certificate: AddListenerCertificates,
 * RemoveListenerCertificates and DescribeListenerCertificates
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeListenerCertificates.html):
 * the default certificate is listed with IsDefault true, and once more with IsDefault false when it
 * was also added to the list.
 */
public final class ListenerCertificatesService {
  /**
   * AWS's default quota of certificates per Application Load Balancer listener, the default apart.
   */
  static final int MAX_CERTIFICATES = 25;

  private final Elbv2 elbv2;

  public ListenerCertificatesService(Elbv2 elbv2) {
    this.elbv2 = elbv2;
  }

  public AddListenerCertificatesResponse addListenerCertificates(
      RequestContext ctx, AddListenerCertificatesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      ListenerRecord l = httpsListener(store, req.listenerArn());
      List<String> arns = arns(req.certificates());
      arns.forEach(CertificateArns::check);
      List<String> after = new ArrayList<>(l.certificates);
      arns.stream().filter(a -> !after.contains(a)).distinct().forEach(after::add);
      if (after.size() > MAX_CERTIFICATES) {
        throw new AwsException(
            "TooManyCertificates",
            "You've reached the limit on the number of certificates per load balancer");
      }
      l.certificates.addAll(arns);
      elbv2.proxies().refreshTls(store, l);
      return AddListenerCertificatesResponse.builder().certificates(listed(arns, false)).build();
    }
  }

  public RemoveListenerCertificatesResponse removeListenerCertificates(
      RequestContext ctx, RemoveListenerCertificatesRequest req) {
    Elbv2Store store = elbv2.store(ctx);
    synchronized (store) {
      ListenerRecord l = httpsListener(store, req.listenerArn());
      List<String> arns = arns(req.certificates());
      String defaultArn = defaultArn(l);
      if (arns.contains(defaultArn) && !l.certificates.contains(defaultArn)) {
        throw Elbv2Errors.notPermitted(
            "The default certificate of a listener cannot be removed; use ModifyListener"
                + " to replace it");
      }
      arns.forEach(l.certificates::remove);
      elbv2.proxies().refreshTls(store, l);
    }
    return RemoveListenerCertificatesResponse.builder().build();
  }

  public DescribeListenerCertificatesResponse describeListenerCertificates(
      RequestContext ctx, DescribeListenerCertificatesRequest req) {
    ListenerRecord l = elbv2.store(ctx).listener(req.listenerArn());
    List<Certificate> all = new ArrayList<>();
    String defaultArn = defaultArn(l);
    if (defaultArn != null) {
      all.addAll(listed(List.of(defaultArn), true));
    }
    synchronized (l.certificates) {
      all.addAll(listed(List.copyOf(l.certificates), false));
    }
    Markers.Page<Certificate> page = Markers.page(all, req.marker(), req.pageSize());
    return DescribeListenerCertificatesResponse.builder()
        .certificates(page.items())
        .nextMarker(page.nextMarker())
        .build();
  }

  private static ListenerRecord httpsListener(Elbv2Store store, String arn) {
    ListenerRecord l = store.listener(arn);
    if (l.sdk().protocol() != ProtocolEnum.HTTPS && l.sdk().protocol() != ProtocolEnum.TLS) {
      throw Elbv2Errors.validation(
          "Certificates can only be added to or removed from HTTPS and TLS listeners, not '"
              + l.sdk().protocolAsString()
              + "' ones");
    }
    return l;
  }

  private static List<String> arns(List<Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw Elbv2Errors.validation("At least one certificate must be specified");
    }
    return certificates.stream().map(Certificate::certificateArn).toList();
  }

  private static String defaultArn(ListenerRecord l) {
    return l.sdk().certificates().isEmpty() ? null : l.sdk().certificates().get(0).certificateArn();
  }

  private static List<Certificate> listed(List<String> arns, boolean isDefault) {
    return arns.stream()
        .map(a -> Certificate.builder().certificateArn(a).isDefault(isDefault).build())
        .toList();
  }
}
