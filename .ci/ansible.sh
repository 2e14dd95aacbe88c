#!/usr/bin/env bash
# CI: an Ansible playbook of amazon.aws / community.aws modules (Debian's ansible) against a server
# on the docker backend: builds a web tier (VPC ... ALB), fetches its page through the ALB, tears it
# all down, and checks that nothing is left, on the API and on the engine.
# Usage: .ci/ansible.sh   (after the server jar is built: mvn package or mvn verify)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PLAY=$ROOT/conformance-tests/ansible
JAR=$ROOT/server/target/ec2-double.jar
AMI=ami-0a5b1e0000000c0de
IMAGE=${ANSIBLE_AMI_IMAGE:-ec2-double/busybox:latest}
# an account of its own, so that "nothing left" is exact on a shared engine
export AWS_ACCESS_KEY_ID=210000000050 AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export ANSIBLE_CONFIG=$PLAY/ansible.cfg ANSIBLE_NOCOLOR=1

# Debian's ansible brings the amazon.aws and community.aws collections; boto3 for its python.
if ! command -v ansible-playbook >/dev/null || ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ansible python3-boto3 >/dev/null
fi
ansible-galaxy collection list 2>/dev/null | grep -E '^(amazon|community)\.aws ' || true
/usr/bin/python3 -c 'import boto3, botocore; print("boto3", boto3.__version__, "botocore", botocore.__version__)'
[ -f "$JAR" ] || mvn -B -ntp -q -pl server -am package -DskipTests

. .ci/server.sh
# --hosts-file /etc/hosts: the load balancers' DNS names resolve for every program here (root).
start_server ansible --backend docker --ami "$AMI=$IMAGE" --hosts-file /etc/hosts

aws sts get-caller-identity --endpoint-url "$ENDPOINT"

run() {
  local start=$SECONDS rc=0
  ansible-playbook "$PLAY/$1" -e "endpoint=$ENDPOINT" -e "ami=$AMI" || rc=$?
  echo "$1 took $((SECONDS - start)) s (exit $rc)"
  return "$rc"
}
status=0
run web-tier.yml || status=$?
run teardown.yml || status=$?
[ "$status" -eq 0 ] || exit "$status"

# Nothing left: on the API (the account's default VPC is AWS's own and stays) ...
aws() { command aws --endpoint-url "$ENDPOINT" --output text "$@"; }
left=$(
  aws ec2 describe-instances --filters Name=instance-state-name,Values=pending,running,stopping,stopped \
    --query 'Reservations[].Instances[].InstanceId'
  aws ec2 describe-volumes --query 'Volumes[].VolumeId'
  aws ec2 describe-snapshots --owner-ids self --query 'Snapshots[].SnapshotId'
  aws ec2 describe-key-pairs --query 'KeyPairs[].KeyName'
  aws ec2 describe-vpcs --filters Name=isDefault,Values=false --query 'Vpcs[].VpcId'
  aws elbv2 describe-load-balancers --query 'LoadBalancers[].LoadBalancerArn'
  aws elbv2 describe-target-groups --query 'TargetGroups[].TargetGroupArn'
)
if [ -n "$(echo "$left" | tr -d '[:space:]')" ]; then
  echo "left after teardown: $left" >&2
  exit 1
fi
# ... and on the engine: no container, network or volume of this account
engine=$(docker ps -aq --filter label=dev.ec2double.account=210000000050
         docker network ls -q --filter label=dev.ec2double.account=210000000050
         docker volume ls -q --filter label=dev.ec2double.account=210000000050)
if [ -n "$engine" ]; then
  echo "left on the engine after teardown: $engine" >&2
  exit 1
fi
echo "ansible: the web tier came up, served its page through the ALB and was torn down clean"
