// Command openapi merges the Swagger 2.0 files that protoc-gen-swagger writes
// for each gRPC query service into the one OpenAPI document flockd ships
// (docs/openapi.yml) and serves at /swagger/.
//
// Usage: go run ./scripts/openapi OUT.yml TAG=FILE.swagger.json ...
//
// Every operation is tagged with TAG (the module it belongs to) so that
// Swagger UI groups them. Operation ids must be unique in one document, and
// every SDK module has a "Params", so ids of modules other than modeltoken get
// the tag as a prefix ("BankParams"); modeltoken's ids stay as the proto
// method names a frontend developer reads in query.proto. Two files that
// define the same path, or the same definition differently, are an error: a
// silent overwrite would ship a wrong document. The output is deterministic
// (keys sorted) so that `make proto-check` can compare it byte for byte.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// ownTag is the module whose operation ids are kept unprefixed.
const ownTag = "modeltoken"

type swaggerFile struct {
	Paths       map[string]map[string]map[string]any `json:"paths"`
	Definitions map[string]any                       `json:"definitions"`
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: openapi OUT.yml TAG=FILE.swagger.json ...")
		os.Exit(2)
	}
	doc, err := merge(os.Args[2:])
	if err == nil {
		err = write(os.Args[1], doc)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi:", err)
		os.Exit(1)
	}
}

func merge(inputs []string) (map[string]any, error) {
	paths := map[string]any{}
	defs := map[string]any{}
	opIDs := map[string]string{}
	var tags []string
	for _, in := range inputs {
		tag, file, ok := strings.Cut(in, "=")
		if !ok {
			return nil, fmt.Errorf("%q: want TAG=FILE", in)
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var f swaggerFile
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if len(f.Paths) == 0 {
			return nil, fmt.Errorf("%s: no paths (is the service annotated with google.api.http?)", file)
		}
		tags = append(tags, tag)
		for path, ops := range f.Paths {
			if _, dup := paths[path]; dup {
				return nil, fmt.Errorf("path %s defined twice (again in %s)", path, file)
			}
			for method, op := range ops {
				op["tags"] = []string{tag}
				id, _ := op["operationId"].(string)
				if tag != ownTag {
					id = exported(tag) + id
				}
				if prev, dup := opIDs[id]; dup {
					return nil, fmt.Errorf("operationId %s of %s %s already used by %s", id, method, path, prev)
				}
				opIDs[id] = path
				op["operationId"] = id
			}
			paths[path] = ops
		}
		for name, def := range f.Definitions {
			prev, dup := defs[name]
			if !dup {
				defs[name] = def
				continue
			}
			// The same message read through two import paths can differ in
			// its comments only; anything else is a real conflict.
			if !reflect.DeepEqual(undocumented(prev), undocumented(def)) {
				return nil, fmt.Errorf("definition %s differs between files (again in %s)", name, file)
			}
			defs[name] = betterDocumented(prev, def)
		}
	}
	sort.Strings(tags)
	tagList := make([]map[string]string, len(tags))
	for i, t := range tags {
		tagList[i] = map[string]string{"name": t}
	}
	return map[string]any{
		"swagger": "2.0",
		"info": map[string]any{
			"title": "flockd REST API",
			"description": "The gRPC-gateway routes a flockd node serves on its API port (default :1317): " +
				"x/modeltoken and the Cosmos SDK modules the chain runs. Generated from the proto files by " +
				"`make proto-gen`; do not edit by hand.",
			"version": "v1",
		},
		"consumes":    []string{"application/json"},
		"produces":    []string{"application/json"},
		"tags":        tagList,
		"paths":       paths,
		"definitions": defs,
	}, nil
}

// undocumented returns v without its "description" and "title" keys, at any depth.
func undocumented(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			if k != "description" && k != "title" {
				out[k] = undocumented(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = undocumented(e)
		}
		return out
	default:
		return v
	}
}

// betterDocumented picks the definition with more text, so the choice does not
// depend on which file came first (ties: the smaller encoding).
func betterDocumented(a, b any) any {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if len(jb) > len(ja) || (len(jb) == len(ja) && string(jb) < string(ja)) {
		return b
	}
	return a
}

// exported turns a tag like "gov-v1beta1" into "GovV1beta1".
func exported(tag string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' || r == '/' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func write(out string, doc map[string]any) error {
	// JSON first: encoding/json sorts map keys, and yaml.JSONToYAML keeps that order.
	j, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	y, err := yaml.JSONToYAML(j)
	if err != nil {
		return err
	}
	header := "# Generated by `make proto-gen` (scripts/protocgen.sh, scripts/openapi). DO NOT EDIT.\n"
	return os.WriteFile(out, append([]byte(header), y...), 0o644)
}
