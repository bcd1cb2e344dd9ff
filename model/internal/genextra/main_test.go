package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedFileIsCurrent fails when a struct gained or lost its Extra
// field without extra_methods.go being generated again.
func TestGeneratedFileIsCurrent(t *testing.T) {
	want, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(filepath.Join("../..", output))
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != string(want) {
		t.Errorf("%s is out of date: run go generate ./model", output)
	}
}

// notData are the model's structs with JSON tags that are not objects of
// the API (a validation problem is this package's own answer).
var notData = map[string]bool{"FieldProblem": true}

// TestEveryStructKeepsUnknownMembers: every struct of the model's data (a
// struct with JSON tags, outside the x-tyk-api-gateway types' files
// xtyk*.go) has an Extra field, so that no object of the API drops members
// it does not know.
func TestEveryStructKeepsUnknownMembers(t *testing.T) {
	files, err := filepath.Glob("../../*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "xtyk") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || !ts.Name.IsExported() || notData[ts.Name.Name] {
				return true
			}
			if st, ok := ts.Type.(*ast.StructType); ok && hasJSONTags(st) {
				checked++
				if !hasExtra(st) {
					t.Errorf("%s: struct %s has no Extra field", base, ts.Name.Name)
				}
			}
			return true
		})
	}
	if checked < 100 {
		t.Errorf("only %d structs checked", checked)
	}
}

func hasJSONTags(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag != nil && strings.Contains(f.Tag.Value, `json:"`) && !strings.Contains(f.Tag.Value, `json:"-"`) {
			return true
		}
	}
	return false
}
