"""Drives VPC Route Server through boto3 (botocore reads element names strictly) in one process.

Arguments: endpoint region vpc-id subnet-id route-table-id peer-address. Prints what was answered, as JSON.
"""
import json
import sys

import boto3

endpoint, region, vpc, subnet, table, peer_address = sys.argv[1:7]
ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=region)
out = {}
rs = ec2.create_route_server(
    AmazonSideAsn=4200000100,
    PersistRoutes="enable",
    PersistRoutesDuration=1,
    TagSpecifications=[{"ResourceType": "route-server", "Tags": [{"Key": "Name", "Value": "py"}]}],
)["RouteServer"]
out["created"] = rs
rs_id = rs["RouteServerId"]
out["association"] = ec2.associate_route_server(RouteServerId=rs_id, VpcId=vpc)[
    "RouteServerAssociation"
]
endpoint_made = ec2.create_route_server_endpoint(RouteServerId=rs_id, SubnetId=subnet)[
    "RouteServerEndpoint"
]
out["endpoint"] = endpoint_made
out["peer"] = ec2.create_route_server_peer(
    RouteServerEndpointId=endpoint_made["RouteServerEndpointId"],
    PeerAddress=peer_address,
    BgpOptions={"PeerAsn": 65001, "PeerLivenessDetection": "bfd"},
)["RouteServerPeer"]
out["propagation"] = ec2.enable_route_server_propagation(RouteServerId=rs_id, RouteTableId=table)[
    "RouteServerPropagation"
]
out["servers"] = ec2.describe_route_servers(RouteServerIds=[rs_id])["RouteServers"]
out["endpoints"] = ec2.describe_route_server_endpoints(
    Filters=[{"Name": "vpc-id", "Values": [vpc]}]
)["RouteServerEndpoints"]
out["peers"] = ec2.describe_route_server_peers(
    Filters=[{"Name": "route-server-id", "Values": [rs_id]}]
)["RouteServerPeers"]
out["associations"] = ec2.get_route_server_associations(RouteServerId=rs_id)[
    "RouteServerAssociations"
]
out["propagations"] = ec2.get_route_server_propagations(RouteServerId=rs_id)[
    "RouteServerPropagations"
]
database = ec2.get_route_server_routing_database(RouteServerId=rs_id)
out["database"] = {k: v for k, v in database.items() if k != "ResponseMetadata"}
print(json.dumps(out, default=str))
