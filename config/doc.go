// Package config holds the rules of head office for the two kinds of
// object that carry a pod's configuration: ConfigMaps and Secrets.
//
// # Mental model
//
// A ConfigMap is the store's notice board: named notes (keys) that any
// employee (pod) may be told to read when it starts. A Secret is the same
// kind of note kept in a locked drawer: the employee is handed what it
// holds, but a Secret is only base64-encoded in head office's ledger, not
// encrypted (unless the cluster's administrator turns on encryption at
// rest).
//
// Head office checks both kinds as the API server does before it stores
// them (Validate): key names of letters, digits, '-', '_' and '.', at most
// 1 MiB of data in all, and for a Secret the keys its type requires.
// Default does what the API server does on the way in: a Secret's type is
// Opaque unless set, and its stringData is merged into data (stringData
// wins) and not stored.
package config
