package server

import (
	"encoding/json"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
)

// protobufType is the media type client-go's typed clients send bodies
// in by default.
const protobufType = "application/vnd.kubernetes.protobuf"

// protoCodec decodes the protobuf bodies of the served kinds and of the
// options and subresources that come with them.
var protoCodec = func() *protobuf.Serializer {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, discoveryv1.AddToScheme, coordinationv1.AddToScheme,
		autoscalingv1.AddToScheme, autoscalingv2.AddToScheme, policyv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic("server: protoCodec: " + err.Error())
		}
	}
	metav1.AddToGroupVersion(scheme, schema.GroupVersion{Version: "v1"})
	return protobuf.NewSerializer(scheme, scheme)
}()

// decodeLoose decodes a body of media type mt (JSON, or protobuf as
// client-go sends it) into into, leniently: for options and subresources,
// whose unknown fields the API server ignores too.
func decodeLoose(mt string, data []byte, into runtime.Object, kind string) error {
	var err error
	switch mt {
	case protobufType:
		_, _, err = protoCodec.Decode(data, nil, into)
	default:
		err = json.Unmarshal(data, into)
	}
	if err != nil {
		return badRequest("%s in version \"v1\" cannot be handled as a %s: %v", kind, kind, err)
	}
	return nil
}

// protoToJSON turns a protobuf body into JSON for the strict decoder: a
// protobuf body cannot carry an unknown field, so the strict check finds
// nothing in it.
func protoToJSON(r *resource, data []byte) ([]byte, error) {
	o := r.newObject()
	if _, _, err := protoCodec.Decode(data, nil, o); err != nil {
		return nil, badRequest("%s in version %q cannot be handled as a %s: %v", r.kind, r.version, r.kind, err)
	}
	out, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("server: protoToJSON: %w", err)
	}
	return out, nil
}
