// Command aminofields writes, for every x/modeltoken Msg, what the legacy
// Amino JSON sign mode needs beyond the proto JSON: the amino type name, the
// fields that are printed even when empty (amino.dont_omitempty), and
// renamed fields (amino.field_name), for the Msg and every message nested in
// it. The web client's amino converters (web/src/client/amino.ts) read it,
// so a wallet that signs Amino JSON (a Ledger through Keplr) produces the
// bytes the chain's x/tx aminojson encoder verifies. Run by
// scripts/protocgen-web.sh; output: web/src/gen/amino_fields.json.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	aminov1 "cosmossdk.io/api/amino"
	cosmosproto "github.com/cosmos/cosmos-proto"
	"github.com/cosmos/gogoproto/proto"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	_ "github.com/flockchain/flockd/x/modeltoken/types" // registers the flock.modeltoken.v1 files
)

type message struct {
	AminoName  string            `json:"aminoName,omitempty"`
	DontOmit   map[string]any    `json:"dontOmitempty,omitempty"` // proto field name -> its JSON when empty
	FieldNames map[string]string `json:"fieldNames,omitempty"`    // proto name -> amino name
	Nested     map[string]string `json:"nested,omitempty"`        // proto field name -> full message name
	Encodings  map[string]string `json:"encodings,omitempty"`     // proto field name -> amino.encoding
}

type output struct {
	Msgs     map[string]string   `json:"msgs"` // type URL -> full message name
	Messages map[string]*message `json:"messages"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: aminofields OUT.json")
		os.Exit(2)
	}
	d, err := proto.HybridResolver.FindDescriptorByName("flock.modeltoken.v1.Msg")
	if err != nil {
		fail(err)
	}
	svc := d.(protoreflect.ServiceDescriptor)
	out := output{Msgs: map[string]string{}, Messages: map[string]*message{}}
	for i := 0; i < svc.Methods().Len(); i++ {
		in := svc.Methods().Get(i).Input()
		out.Msgs["/"+string(in.FullName())] = string(in.FullName())
		walk(in, out.Messages)
	}
	b, err := json.MarshalIndent(out, "", "  ") // map keys are sorted: the file is reproducible
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(os.Args[1], append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func walk(md protoreflect.MessageDescriptor, seen map[string]*message) {
	name := string(md.FullName())
	if _, ok := seen[name]; ok {
		return
	}
	m := &message{}
	seen[name] = m
	if opts := md.Options(); opts != nil {
		if n, _ := protov2.GetExtension(opts, aminov1.E_Name).(string); n != "" {
			m.AminoName = n
		}
	}
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		f := fields.Get(i)
		fname := string(f.Name())
		if opts := f.Options(); opts != nil {
			if b, _ := protov2.GetExtension(opts, aminov1.E_DontOmitempty).(bool); b {
				if m.DontOmit == nil {
					m.DontOmit = map[string]any{}
				}
				m.DontOmit[fname] = emptyJSON(f)
			}
			if n, _ := protov2.GetExtension(opts, aminov1.E_FieldName).(string); n != "" {
				if m.FieldNames == nil {
					m.FieldNames = map[string]string{}
				}
				m.FieldNames[fname] = n
			}
			if e, _ := protov2.GetExtension(opts, aminov1.E_Encoding).(string); e != "" {
				if m.Encodings == nil {
					m.Encodings = map[string]string{}
				}
				m.Encodings[fname] = e
			}
		}
		if f.Kind() == protoreflect.MessageKind && !f.IsMap() {
			if m.Nested == nil {
				m.Nested = map[string]string{}
			}
			m.Nested[fname] = string(f.Message().FullName())
			walk(f.Message(), seen)
		}
	}
}

// emptyJSON is what x/tx's aminojson encoder prints for an unset field that
// is not omitted: zero scalars, "0" for cosmos.Int/Dec strings (the legacy
// math types print their zero), an empty list. A nil message field with
// dont_omitempty is refused by the encoder itself, so the client must set it.
func emptyJSON(f protoreflect.FieldDescriptor) any {
	if f.IsList() {
		return []any{}
	}
	switch f.Kind() {
	case protoreflect.StringKind:
		if s, _ := protov2.GetExtension(f.Options(), cosmosproto.E_Scalar).(string); s == "cosmos.Int" || s == "cosmos.Dec" {
			return "0"
		}
		return ""
	case protoreflect.BoolKind:
		return false
	case protoreflect.Uint64Kind, protoreflect.Int64Kind, protoreflect.Fixed64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return "0"
	case protoreflect.MessageKind:
		return map[string]any{}
	default:
		return 0
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "aminofields:", err)
	os.Exit(1)
}
