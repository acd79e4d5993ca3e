package sim

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
)

// SlogObserver returns an observer that writes each record to h as a
// log/slog record stamped with the record's virtual wall-clock time (never
// the real clock), at level Warn for Warning records and Info otherwise.
func SlogObserver(h slog.Handler) Observer {
	return ObserverFunc(func(r Record) {
		level := slog.LevelInfo
		if r.Type == Warning {
			level = slog.LevelWarn
		}
		ctx := context.Background()
		if !h.Enabled(ctx, level) {
			return
		}
		sr := slog.NewRecord(r.Time.Wall(), level, r.Message, 0)
		sr.AddAttrs(
			slog.String("kind", r.Kind.String()),
			slog.String("type", r.Type),
			slog.String("reason", r.Reason),
			slog.String("component", r.Source.Component),
			slog.String("store", r.Source.Store),
			slog.String("object", r.Object.String()),
		)
		if r.Object.Namespace != "" {
			sr.AddAttrs(slog.String("namespace", r.Object.Namespace))
		}
		_ = h.Handle(ctx, sr)
	})
}

// jsonRecord is the shape of one line of the JSON Lines log.
type jsonRecord struct {
	Time      string     `json:"time"`
	Elapsed   string     `json:"elapsed"`
	Kind      string     `json:"kind"`
	Type      string     `json:"type"`
	Reason    string     `json:"reason"`
	Component string     `json:"component"`
	Store     string     `json:"store,omitempty"`
	Object    jsonObject `json:"object"`
	Message   string     `json:"message"`
}

type jsonObject struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	UID       string `json:"uid,omitempty"`
	FieldPath string `json:"fieldPath,omitempty"`
}

// JSONLinesObserver returns an observer that writes each record to w as one
// line of JSON, for tools. The first write error is kept and later records
// are dropped; Err reports it.
func JSONLinesObserver(w io.Writer) *JSONLines {
	return &JSONLines{enc: json.NewEncoder(w)}
}

// JSONLines writes records as JSON Lines. See [JSONLinesObserver].
type JSONLines struct {
	enc *json.Encoder
	err error
}

// Observe writes r as one line.
func (j *JSONLines) Observe(r Record) {
	if j.err != nil {
		return
	}
	j.err = j.enc.Encode(jsonRecord{
		Time:      r.Time.Wall().Format("2006-01-02T15:04:05.999999999Z07:00"),
		Elapsed:   r.Time.Duration().String(),
		Kind:      r.Kind.String(),
		Type:      r.Type,
		Reason:    r.Reason,
		Component: r.Source.Component,
		Store:     r.Source.Store,
		Object: jsonObject{
			Kind: r.Object.Kind, Namespace: r.Object.Namespace, Name: r.Object.Name,
			UID: r.Object.UID, FieldPath: r.Object.FieldPath,
		},
		Message: r.Message,
	})
}

// Err returns the first write error, if any.
func (j *JSONLines) Err() error { return j.err }
