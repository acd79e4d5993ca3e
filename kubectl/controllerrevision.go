package kubectl

import (
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ControllerRevisionTable returns `kubectl get controllerrevisions`:
// NAME, CONTROLLER (kind.group/name of the StatefulSet or DaemonSet that
// owns it, or <none>), REVISION and AGE.
// Reference: pkg/printers/internalversion/printers.go
// (printControllerRevision).
func ControllerRevisionTable(revs []*appsv1.ControllerRevision, now time.Time) (Table, error) {
	header := []string{"NAME", "CONTROLLER", "REVISION", "AGE"}
	return makeTable(header, nil, false, len(revs), func(i int) ([]string, error) {
		r := revs[i]
		if r == nil {
			return nil, missing(field.NewPath("controllerRevisions").Index(i), "ControllerRevision")
		}
		owner := "<none>"
		if ref := metav1.GetControllerOfNoCopy(r); ref != nil {
			gv, _ := schema.ParseGroupVersion(ref.APIVersion)
			kind := strings.ToLower(ref.Kind)
			if gv.Group != "" {
				kind += "." + gv.Group
			}
			owner = kind + "/" + ref.Name
		}
		return []string{r.Name, owner, strconv.FormatInt(r.Revision, 10), since(r.CreationTimestamp, now)}, nil
	})
}
