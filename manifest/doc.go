// Package manifest reads the same YAML (or JSON) a learner would give a
// real cluster with `kubectl apply -f`, and turns it into Kubernetes' own
// typed objects.
//
// # Mental model
//
// A manifest file is a stack of documents separated by "---" lines. Each
// document names its apiVersion and kind; the Decoder looks the kind up,
// converts the YAML to JSON (sigs.k8s.io/yaml, as kubectl does) and decodes
// it strictly into the typed struct (sigs.k8s.io/json): the struct's JSON
// tags are the schema, so nothing about Kubernetes' schema is written by
// hand here. A v1 List is opened into its items.
//
// Every field then falls in one of three groups:
//
//   - not in Kubernetes' schema (a typo such as containerz, a duplicate
//     key, a string where a number belongs): an *Error naming the file, the
//     line and the field path, e.g. `pod.yaml:7: spec.containerz: unknown
//     field`;
//   - in the schema and simulated by nucleus: decoded, silently;
//   - in the schema but not simulated (securityContext, imagePullSecrets,
//     ...): decoded and reported once as a Warning, never silently ignored;
//     a few whose outcome would differ (volume types nucleus lacks,
//     hostNetwork, mountPropagation other than None) are decoded
//     silently and then refused by the pod's validation, naming the field.
//
// Which fields are simulated is a per-kind list of path patterns
// ("spec.containers[*].image", "status" for a whole subtree). Callers add
// kinds of their own with Decoder.Register; there is no global registry.
//
// A kind the Decoder does not know is explained, naming the kinds it does:
// a kind of Kubernetes' own API that nucleus does not simulate (an Ingress,
// a NetworkPolicy; the list comes from k8s.io/api through client-go's
// scheme, so it never goes stale), a custom resource (a kind in another
// group, such as stable.example.com/v1 CronTab), a known kind under the
// wrong apiVersion, or a typo with the closest kind it could be.
//
// In the storefront: head office reads the work orders exactly as the real
// chain's ledger would. A misspelled box on the form sends the form back
// with the box circled; a box the store does not act on is noted in the
// margin, so nobody thinks it was done.
//
// Line numbers come from go.yaml.in/yaml/v3's node tree. Decoding does not
// default or validate objects: package pod does that, as the API server
// does after decoding.
package manifest
