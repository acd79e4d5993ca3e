package runtime

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Bad input returns errors naming the field path, as Kubernetes validation
// does.
// Reference: proxy-and-runtime.md B4 (exit codes are 0-255).
func TestBehaviourValidate(t *testing.T) {
	tests := []struct {
		name string
		b    Behaviour
		want []string
	}{
		{"zero value is valid", Behaviour{}, nil},
		{"full and valid", Behaviour{StartupTime: time.Second, Ports: []PortBehaviour{{Port: 80, Paths: []PathBehaviour{{Path: "/", Status: 200, Until: time.Second}}}},
			ExitAfter: time.Hour, ExitCode: 3, Memory: []MemoryStep{{Bytes: 1}}, Logs: []LogStep{{Stream: "stderr", Text: "x"}},
			OnSIGTERM: SignalBehaviour{Exit: true, After: time.Second}}, nil},
		{"bad port", Behaviour{Ports: []PortBehaviour{{Port: 0}}}, []string{"b.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"}},
		{"duplicate port", Behaviour{Ports: []PortBehaviour{{Port: 80}, {Port: 80}}}, []string{"b.ports[1].port: Duplicate value: 80"}},
		{"unknown protocol", Behaviour{Ports: []PortBehaviour{{Port: 80, Protocol: "UDP"}}}, []string{`b.ports[0].protocol: Unsupported value: "UDP": supported values: "GRPC", "HTTP", "TCP"`}},
		{"path without slash", Behaviour{Ports: []PortBehaviour{{Port: 80, Paths: []PathBehaviour{{Path: "x", Status: 200}}}}}, []string{`b.ports[0].paths[0].path: Invalid value: "x": must start with '/'`}},
		{"bad status", Behaviour{Ports: []PortBehaviour{{Port: 80, Paths: []PathBehaviour{{Path: "/", Status: 42}}}}}, []string{"b.ports[0].paths[0].status: Invalid value: 42: must be an HTTP status code between 100 and 599"}},
		{"until before from", Behaviour{Ports: []PortBehaviour{{Port: 80, Paths: []PathBehaviour{{Path: "/", Status: 200, From: 2 * time.Second, Until: time.Second}}}}}, []string{`b.ports[0].paths[0].until: Invalid value: "1s": must be after from`}},
		{"paths on TCP", Behaviour{Ports: []PortBehaviour{{Port: 80, Protocol: ProtocolTCP, Paths: []PathBehaviour{{Path: "/", Status: 200}}}}}, []string{"b.ports[0].paths: Forbidden: a TCP port answers no paths"}},
		{"exit code out of range", Behaviour{ExitAfter: time.Second, ExitCode: 256}, []string{"b.exitCode: Invalid value: 256: must be between 0 and 255, inclusive"}},
		{"exit code without exitAfter", Behaviour{ExitCode: 1}, []string{"b.exitCode: Invalid value: 1: requires exitAfter"}},
		{"negative startup", Behaviour{StartupTime: -time.Second}, []string{`b.startupTime: Invalid value: "-1s": must be greater than or equal to 0`}},
		{"negative memory", Behaviour{Memory: []MemoryStep{{Bytes: -1}}}, []string{"b.memory[0].bytes: Invalid value: -1: must be greater than or equal to 0"}},
		{"bad stream", Behaviour{Logs: []LogStep{{Stream: "stdin"}}}, []string{`b.logs[0].stream: Unsupported value: "stdin": supported values: "stdout", "stderr"`}},
		{"SIGTERM code without exit", Behaviour{OnSIGTERM: SignalBehaviour{Code: 1}}, []string{"b.onSIGTERM.exit: Invalid value: false: must be true when after or code is set"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range tt.b.Validate(field.NewPath("b")) {
			got = append(got, e.Error())
		}
		assert.Equal(t, tt.want, got, "%s: Validate", tt.name)
	}
}

func TestRegisterRefusesBadInput(t *testing.T) {
	c := NewCatalog()
	tests := []struct {
		repo string
		size int64
		b    Behaviour
		want string
	}{
		{"Bad", 1, Behaviour{}, "repository: Invalid value"},
		{"app:1.0", 1, Behaviour{}, "must not have a tag or a digest"},
		{"app", -1, Behaviour{}, "size: Invalid value"},
		{"app", 1, Behaviour{Ports: []PortBehaviour{{Port: 70000}}}, "behaviour.ports[0].port"},
	}
	for _, tt := range tests {
		err := c.Register(tt.repo, tt.size, tt.b)
		assert.ErrorContains(t, err, tt.want, "Register(%q, %d)", tt.repo, tt.size)
	}
	require.NoError(t, c.Register("localhost:5000/app", 1, Behaviour{}))
	assert.Contains(t, c.Repositories(), "localhost:5000/app")
}

// The JSON shape a scenario file maps onto.
func TestBehaviourJSON(t *testing.T) {
	in := `{"startupTime":5000000000,"ports":[{"port":8080,"protocol":"HTTP","paths":[{"path":"/healthz","status":200,"until":60000000000}]}],"onSIGTERM":{"exit":true,"code":0}}`
	var b Behaviour
	require.NoError(t, json.Unmarshal([]byte(in), &b))
	assert.Equal(t, 5*time.Second, b.StartupTime)
	assert.Equal(t, time.Minute, b.Ports[0].Paths[0].Until)
	assert.True(t, b.OnSIGTERM.Exit)
	out, err := json.Marshal(Behaviour{ExitAfter: time.Second, ExitCode: 1})
	require.NoError(t, err)
	assert.JSONEq(t, `{"exitAfter":1000000000,"exitCode":1}`, string(out))
}
