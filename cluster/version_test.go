package cluster

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/kubelet"
)

// Head office's /version and the stores' kubelets report one release: a
// cluster's control plane is never older than its kubelets, and nucleus
// simulates a single release's behaviour.
// Reference: https://kubernetes.io/releases/version-skew-policy/#kubelet
// (kubelet must not be newer than kube-apiserver).
func TestHeadOfficeAndKubeletsReportOneRelease(t *testing.T) {
	v := apiserver.VersionInfo()
	assert.True(t, strings.HasPrefix(v.GitVersion, kubelet.KubeletVersion+"-"), "%s against %s", v.GitVersion, kubelet.KubeletVersion)
	assert.Equal(t, "v"+v.Major+"."+v.Minor+".0", kubelet.KubeletVersion)
}
