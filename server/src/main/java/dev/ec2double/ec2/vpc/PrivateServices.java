package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RequestContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;

/**
 * The endpoint services that accounts of this server offer each other (PrivateLink's provider
 * side), as the consumer's calls see them: which a caller may see and connect to, and the
 * connection an endpoint makes. Owned here, answered by {@code ec2.endpoints}.
 */
public interface PrivateServices {

  /**
   * A service the caller may connect to.
   *
   * @param type {@code Interface} (network load balancers) or {@code GatewayLoadBalancer}
   * @param privateDnsName the verified private DNS name, or null
   */
  record Offer(String serviceId, String type, boolean acceptanceRequired, String privateDnsName) {}

  /** The service of this name if the caller's account owns it or is allowed on it. */
  Optional<Offer> find(RequestContext ctx, String serviceName);

  /** Every service the caller may see in its region, as DescribeVpcEndpointServices shows them. */
  List<ServiceDetail> visible(RequestContext ctx);

  /**
   * Records an endpoint's connection to a service; answers the endpoint's first state ({@code
   * pendingAcceptance} or {@code available}).
   */
  String connect(RequestContext ctx, String serviceName, String endpointId, String vpcId);

  /** The endpoint is gone: its connection goes from the provider's list. */
  void disconnect(RequestContext ctx, String serviceName, String endpointId);

  /** No service besides AWS's own. */
  PrivateServices NONE =
      new PrivateServices() {
        @Override
        public Optional<Offer> find(RequestContext ctx, String serviceName) {
          return Optional.empty();
        }

        @Override
        public List<ServiceDetail> visible(RequestContext ctx) {
          return List.of();
        }

        @Override
        public String connect(
            RequestContext ctx, String serviceName, String endpointId, String vpcId) {
          throw new IllegalStateException("no endpoint services");
        }

        @Override
        public void disconnect(RequestContext ctx, String serviceName, String endpointId) {}
      };
}
