package manifest

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// typeProblem is a value that does not fit the Go type of its field.
type typeProblem struct {
	path   string
	reason string
}

// locate walks a generic JSON value (decoded with UseNumber) alongside the
// Go type it should fill, and returns the first value, in path order, that
// does not fit: a string where an array belongs, a quantity that does not
// parse. The JSON decoder's own errors carry no array indexes and no path
// for custom types such as resource.Quantity, so nucleus finds the field
// itself.
func locate(v any, t reflect.Type, path string) *typeProblem {
	if v == nil {
		return nil // null fits every field
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return locateUnmarshaler(v, t, path)
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return expected(path, "object")
		}
		fields := jsonFields(t)
		for _, k := range sortedKeys(m) {
			if ft, ok := fields[k]; ok {
				if p := locate(m[k], ft, joinPath(path, k)); p != nil {
					return p
				}
			}
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return expected(path, "object")
		}
		for _, k := range sortedKeys(m) {
			if p := locate(m[k], t.Elem(), joinPath(path, k)); p != nil {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		return locateSlice(v, t, path)
	default:
		return locateScalar(v, t, path)
	}
	return nil
}

// locateUnmarshaler asks a type with its own JSON decoding (Quantity, Time,
// IntOrString) whether the value fits.
func locateUnmarshaler(v any, t reflect.Type, path string) *typeProblem {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	target, ok := reflect.New(t).Interface().(json.Unmarshaler)
	if !ok {
		return nil
	}
	if err := target.UnmarshalJSON(raw); err != nil {
		return &typeProblem{path: path, reason: err.Error()}
	}
	return nil
}

// locateSlice checks an array value and each of its elements.
func locateSlice(v any, t reflect.Type, path string) *typeProblem {
	if t.Elem().Kind() == reflect.Uint8 {
		// Bytes (a Secret's data, a ConfigMap's binaryData) are a base64
		// string, as Kubernetes reads them.
		str, ok := v.(string)
		if !ok {
			return expected(path, "string")
		}
		if _, err := base64.StdEncoding.DecodeString(str); err != nil {
			return &typeProblem{path: path, reason: err.Error()}
		}
		return nil
	}
	items, ok := v.([]any)
	if !ok {
		return expected(path, "array")
	}
	for i, item := range items {
		if p := locate(item, t.Elem(), indexPath(path, i)); p != nil {
			return p
		}
	}
	return nil
}

// locateScalar checks a string, boolean or number value.
func locateScalar(v any, t reflect.Type, path string) *typeProblem {
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return expected(path, "string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return expected(path, "boolean")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return expected(path, "integer")
		}
		if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err != nil {
			return &typeProblem{path: path, reason: "expected integer that fits in " + strconv.Itoa(t.Bits()) + " bits, got " + n.String()}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return expected(path, "integer")
		}
		if _, err := strconv.ParseUint(n.String(), 10, t.Bits()); err != nil {
			return &typeProblem{path: path, reason: "expected non-negative integer that fits in " + strconv.Itoa(t.Bits()) + " bits, got " + n.String()}
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			return expected(path, "number")
		}
	}
	return nil
}

// expected reports a value of the wrong JSON type.
func expected(path, what string) *typeProblem {
	return &typeProblem{path: path, reason: "expected " + what}
}

// jsonFields maps the JSON names of a struct's fields to their types,
// including the fields of inlined embedded structs (TypeMeta).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			inner := f.Type
			for inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				for k, v := range jsonFields(inner) {
					if _, taken := fields[k]; !taken {
						fields[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	return fields
}

// sortedKeys returns the keys of a JSON object in sorted order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
