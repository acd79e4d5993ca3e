package sim

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pulled() Record {
	return Record{
		Source:  Source{Component: "kubelet", Store: "store-1"},
		Object:  ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"},
		Reason:  "Pulled",
		Message: `Successfully pulled image "nginx:1.27" in 1.2s`,
	}
}

func TestRecordStampsTimeAndTypeAndReachesObserversInOrder(t *testing.T) {
	l := New(1)
	var seen []string
	l.Subscribe(ObserverFunc(func(r Record) { seen = append(seen, "first "+r.String()) }))
	l.Subscribe(ObserverFunc(func(r Record) { seen = append(seen, "second "+r.Type) }))
	l.RunFor(2 * time.Second)
	l.Record(pulled())
	require.Len(t, seen, 2)
	assert.Equal(t, `first 00:00:02 store-1 kubelet Pulled pod/web Successfully pulled image "nginx:1.27" in 1.2s`, seen[0])
	assert.Equal(t, "second Normal", seen[1])
	assert.Equal(t, uint64(1), l.Records())
}

func TestJSONLinesObserver(t *testing.T) {
	l := New(1)
	var buf bytes.Buffer
	j := JSONLinesObserver(&buf)
	l.Subscribe(j)
	l.RunFor(1500 * time.Millisecond)
	r := pulled()
	r.Type = Warning
	l.Record(r)
	require.NoError(t, j.Err())
	assert.Equal(t, `{"time":"2025-01-01T00:00:01.5Z","elapsed":"1.5s","kind":"Event","type":"Warning","reason":"Pulled","component":"kubelet","store":"store-1","object":{"kind":"Pod","namespace":"default","name":"web"},"message":"Successfully pulled image \"nginx:1.27\" in 1.2s"}`+"\n", buf.String())
}

func TestSlogObserverUsesVirtualTime(t *testing.T) {
	l := New(1)
	var buf bytes.Buffer
	l.Subscribe(SlogObserver(slog.NewTextHandler(&buf, nil)))
	l.RunFor(time.Minute)
	l.Record(pulled())
	assert.Equal(t, `time=2025-01-01T00:01:00.000Z level=INFO msg="Successfully pulled image \"nginx:1.27\" in 1.2s" kind=Event type=Normal reason=Pulled component=kubelet store=store-1 object=pod/web namespace=default`+"\n", buf.String())
}
