#!/usr/bin/env bash
# Regenerates zz_generated.openapi.go: the OpenAPI definitions of the
# Kubernetes types nucleus serves, made by kube-openapi's openapi-gen from
# the types' own Go source and comments (never written by hand).
#
#   go generate ./server/openapi      (or: server/openapi/generate.sh)
#
# openapi-gen runs at the kube-openapi version go.mod already requires, so
# the generator and the library that reads its output are the same release;
# the input packages come from go.mod (k8s.io/api and k8s.io/apimachinery at
# one release). Add a package here when nucleus serves a kind from a new API
# group, then run this and read the diff. scheduling/v1alpha3 is here only
# because batch/v1's Job refers to its types (spec.schedulingConfiguration).
set -euo pipefail
cd "$(dirname "$0")"
version=$(cd ../.. && go list -m -f '{{.Version}}' k8s.io/kube-openapi)
header=$(mktemp)
trap 'rm -f "$header"' EXIT
# openapi-gen describes every type of a package, the deprecated ones
# (core/v1 Endpoints) too; staticcheck is told so in the file's header.
printf '%s\n\n' '//lint:file-ignore SA1019 openapi-gen describes every type of a package, deprecated ones (core/v1 Endpoints) too' >"$header"
go run "k8s.io/kube-openapi/cmd/openapi-gen@${version}" \
	--go-header-file "$header" \
	--output-dir . \
	--output-pkg github.com/nodenucleus/nucleus/server/openapi \
	--output-file zz_generated.openapi.go \
	--report-filename /dev/null \
	k8s.io/apimachinery/pkg/apis/meta/v1 \
	k8s.io/apimachinery/pkg/runtime \
	k8s.io/apimachinery/pkg/util/intstr \
	k8s.io/apimachinery/pkg/api/resource \
	k8s.io/apimachinery/pkg/version \
	k8s.io/api/core/v1 \
	k8s.io/api/apps/v1 \
	k8s.io/api/discovery/v1 \
	k8s.io/api/coordination/v1 \
	k8s.io/api/events/v1 \
	k8s.io/api/policy/v1 \
	k8s.io/api/autoscaling/v1 \
	k8s.io/api/autoscaling/v2 \
	k8s.io/api/batch/v1 \
	k8s.io/api/storage/v1 \
	k8s.io/api/scheduling/v1alpha3
gofmt -w zz_generated.openapi.go
