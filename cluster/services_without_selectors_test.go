package cluster_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
)

// The Services page's Service without a selector and the EndpointSlice
// written for it by hand, as the page gives them.
const servicesPageWithoutSelector = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 9376
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: my-service-1 # by convention, use the name of the Service
                     # as a prefix for the name of the EndpointSlice
  labels:
    # You should set the "kubernetes.io/service-name" label.
    # Set its value to match the name of the Service
    kubernetes.io/service-name: my-service
addressType: IPv4
ports:
  - name: http # should match with the name of the service port defined above
    appProtocol: http
    protocol: TCP
    port: 9376
endpoints:
  - addresses:
      - "10.4.5.6"
  - addresses:
      - "10.1.2.3"
`

// "Because this Service has no selector, the corresponding EndpointSlice
// objects are not created automatically", and with the hand-written one
// "traffic is routed to one of the two endpoints defined in the
// EndpointSlice manifest: a TCP connection to 10.1.2.3 or 10.4.5.6, on
// port 9376."
// Reference: https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
// and #service-no-selector-access.
func TestServicesPageWithoutSelector(t *testing.T) {
	docs, warnings, err := manifest.NewDecoder().Decode("service.md", []byte(servicesPageWithoutSelector))
	require.NoError(t, err)
	assert.Empty(t, warnings, "every field of the page's manifests is simulated")
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	require.NoError(t, c.Apply(docs[0]))
	c.RunFor(time.Second)
	assert.Empty(t, slicesOf(c, "my-service"), "no EndpointSlice is created automatically")
	assert.Empty(t, deskEndpoints(c, "my-service"))

	require.NoError(t, c.Apply(docs[1]))
	c.RunFor(time.Second)
	ss := slicesOf(c, "my-service")
	require.Len(t, ss, 1)
	assert.Equal(t, "my-service-1", ss[0].Name)
	assert.Equal(t, []string{"10.1.2.3:9376", "10.4.5.6:9376"}, deskEndpoints(c, "my-service"),
		"a connection to my-service:80 goes to 10.1.2.3 or 10.4.5.6, on port 9376")

	// The slice owns no Service (it has no ownerReferences): deleting the
	// Service leaves it, as the garbage collector leaves it.
	require.NoError(t, c.DeleteService("default", "my-service"))
	c.RunFor(time.Second)
	require.Len(t, slicesOf(c, "my-service"), 1, "the hand-written slice stays")
}
