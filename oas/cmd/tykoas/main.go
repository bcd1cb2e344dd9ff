// Command tykoas validates, imports, merges, converts and exports Tyk OAS
// APIs, with the rules of the Tyk Dashboard.
//
// Usage:
//
//	tykoas validate [-strict] [-template] [-plain] [-extension-only] [-json] [file...]
//	tykoas import [-listenPath p] [-upstreamURL u] [-customDomain d] [-apiID id]
//	              [-authentication[=bool]] [-allowList[=bool]] [-validateRequest[=bool]]
//	              [-mockResponse[=bool]] [-gateway url] [-template t.json] [-o json|yaml] [file]
//	tykoas merge -template t.json [-o json|yaml] [file]
//	tykoas convert -to classic|oas [-o json|yaml] [file]
//	tykoas export [-mode public|full] [-o json|yaml] [file]
//
// Input is JSON or YAML, from the files named or from standard input ("-"
// or none). Results go to standard output, indented JSON unless -o yaml;
// problems go to standard error, one per line with its JSON pointer. The
// exit status is 0 on success, 1 when the input is invalid, 2 on a usage
// error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
	"github.com/dashkit/dashkit/template"
)

const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: tykoas <command> [flags] [file...]

commands:
  validate  check Tyk OAS APIs (or, with -plain, OpenAPI documents, or templates)
  import    make a Tyk OAS API from an OpenAPI document with the Dashboard's defaults
  merge     lay a document over an API template
  convert   convert a classic API definition to Tyk OAS (-to oas) or back (-to classic)
  export    write an API, without x-tyk-api-gateway with -mode public

Run "tykoas <command> -h" for a command's flags.
`

// app carries the streams of one run, so that the tests run the command in
// process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError is a mistake in the command line, exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// invalidError is input that cannot be used, exit status 1; its details were
// already written to standard error.
type invalidError struct{ err error }

func (e invalidError) Error() string { return e.err.Error() }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "validate":
		err = a.validate(rest)
	case "import":
		err = a.importCmd(rest)
	case "merge":
		err = a.merge(rest)
	case "convert":
		err = a.convert(rest)
	case "export":
		err = a.export(rest)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "tykoas: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	var ue usageError
	var ie invalidError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "tykoas: %s\n", ue.msg)
		return exitUsage
	case errors.As(err, &ie):
		return exitInvalid
	default:
		fmt.Fprintf(stderr, "tykoas: %v\n", err)
		return exitInvalid
	}
}

func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tykoas "+name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	return fs
}

// parseFlags parses and turns flag errors into usage errors (the flag
// package has already printed them).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{msg: err.Error()}
	}
	return nil
}

// format is the -o flag.
type format string

func (f *format) String() string { return string(*f) }

func (f *format) Set(s string) error {
	if s != "json" && s != "yaml" {
		return fmt.Errorf("must be json or yaml")
	}
	*f = format(s)
	return nil
}

func formatFlag(fs *flag.FlagSet) *format {
	f := format("json")
	fs.Var(&f, "o", "output format: json or yaml")
	return &f
}

// optBool is a boolean flag that may be left unset, as the Dashboard's
// boolean query parameters are: -allowList is true, -allowList=false false,
// and no flag leaves the document's setting.
type optBool struct{ v *bool }

func (b *optBool) String() string {
	if b == nil || b.v == nil {
		return "unset"
	}
	return strconv.FormatBool(*b.v)
}

func (b *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("must be true or false")
	}
	b.v = &v
	return nil
}

func (b *optBool) IsBoolFlag() bool { return true }

// input is one document to read: a file name, or "-" for standard input.
type input struct {
	name string
	data []byte
}

func (a *app) readInputs(names []string) ([]input, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var out []input
	for _, n := range names {
		var data []byte
		var err error
		if n == "-" {
			data, err = io.ReadAll(a.stdin)
			n = "<stdin>"
		} else {
			data, err = os.ReadFile(n)
		}
		if err != nil {
			return nil, usageError{msg: err.Error()}
		}
		out = append(out, input{name: n, data: data})
	}
	return out, nil
}

func (a *app) readOne(fs *flag.FlagSet) (input, error) {
	if fs.NArg() > 1 {
		return input{}, usageError{msg: fmt.Sprintf("%s takes one document, got %d", fs.Name(), fs.NArg())}
	}
	ins, err := a.readInputs(fs.Args())
	if err != nil {
		return input{}, err
	}
	return ins[0], nil
}

// fail writes err to standard error, one line per problem, and marks the
// input invalid.
func (a *app) fail(name string, err error) error {
	var ve *oas.ValidationError
	var imp *oas.ImportError
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			fmt.Fprintf(a.stderr, "%s: %s\n", name, p)
		}
	case errors.As(err, &imp) && imp.Pointer != "":
		fmt.Fprintf(a.stderr, "%s: %s: %s\n", name, imp.Pointer, imp.Message)
	default:
		fmt.Fprintf(a.stderr, "%s: %v\n", name, err)
	}
	return invalidError{err: err}
}

func (a *app) parse(in input) (*oas.Document, error) {
	doc, err := oas.Parse(in.data)
	if err != nil {
		return nil, a.fail(in.name, err)
	}
	return doc, nil
}

func (a *app) write(doc *oas.Document, f *format) error {
	if *f == "yaml" {
		y, err := doc.YAML()
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(y)
		return err
	}
	_, err := a.stdout.Write(doc.JSON())
	return err
}

func (a *app) validate(args []string) error {
	fs := a.flags("validate")
	strict := fs.Bool("strict", false, "reject members of x-tyk-api-gateway the schema does not know")
	tmpl := fs.Bool("template", false, "check API templates (assets or their data) with the relaxed rules of templates")
	plain := fs.Bool("plain", false, "accept documents without x-tyk-api-gateway")
	extOnly := fs.Bool("extension-only", false, "check x-tyk-api-gateway only, not the OpenAPI structure")
	asJSON := fs.Bool("json", false, "write one JSON report of every file to standard output instead")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ins, err := a.readInputs(fs.Args())
	if err != nil {
		return err
	}
	var opts []oas.ValidateOption
	if *strict {
		opts = append(opts, oas.Strict())
	}
	if *plain {
		opts = append(opts, oas.OptionalExtension())
	}
	if *extOnly {
		opts = append(opts, oas.ExtensionOnly())
	}
	var failed error
	var report []fileReport
	for _, in := range ins {
		var err error
		if *tmpl {
			err = validateTemplate(in.data, opts)
		} else {
			var doc *oas.Document
			if doc, err = oas.Parse(in.data); err == nil {
				err = oas.Validate(doc, opts...)
			}
		}
		if *asJSON {
			report = append(report, newFileReport(in.name, err))
			if err != nil {
				failed = invalidError{err: err}
			}
			continue
		}
		if err != nil {
			failed = a.fail(in.name, err)
			continue
		}
		fmt.Fprintf(a.stdout, "%s: valid\n", in.name)
	}
	if *asJSON {
		b, err := json.MarshalIndent(report, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s\n", b)
	}
	return failed
}

// fileReport is what validate -json says of one file.
type fileReport struct {
	File     string        `json:"file"`
	Valid    bool          `json:"valid"`
	Problems []oas.Problem `json:"problems"`
}

func newFileReport(name string, err error) fileReport {
	r := fileReport{File: name, Valid: err == nil, Problems: []oas.Problem{}}
	var ve *oas.ValidationError
	switch {
	case err == nil:
	case errors.As(err, &ve):
		r.Problems = ve.Problems
	default:
		// Unreadable input: the whole document is the problem.
		r.Problems = []oas.Problem{{Pointer: "", Message: err.Error()}}
	}
	return r
}

// validateTemplate checks an asset ({kind, name, description, data}) or, if
// the input is not one, the data of a template on its own.
func validateTemplate(data []byte, opts []oas.ValidateOption) error {
	if a, ok := asAsset(data); ok {
		return template.Validate(a)
	}
	doc, err := oas.Parse(data)
	if err != nil {
		return err
	}
	return oas.Validate(doc, append(opts, oas.ForTemplate())...)
}

// asAsset reads data as a template asset when it looks like one.
func asAsset(data []byte) (model.Asset, bool) {
	doc, err := oas.Parse(data)
	if err != nil {
		return model.Asset{}, false
	}
	if kind, _ := doc.Root().String("kind"); kind != model.AssetKindOASTemplate || !doc.Root().Has("data") {
		return model.Asset{}, false
	}
	raw, _ := doc.MarshalJSON()
	var a model.Asset
	if err := json.Unmarshal(raw, &a); err != nil {
		return model.Asset{}, false
	}
	return a, true
}

// readTemplate reads a template file: an asset or its data.
func (a *app) readTemplate(path string) (*oas.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{msg: err.Error()}
	}
	if asset, ok := asAsset(data); ok {
		doc, err := template.Data(asset)
		if err != nil {
			return nil, a.fail(path, err)
		}
		return doc, nil
	}
	return a.parse(input{name: path, data: data})
}

func (a *app) importCmd(args []string) error {
	fs := a.flags("import")
	var opts oas.ImportOptions
	var auth, allow, validate, mock optBool
	fs.StringVar(&opts.ListenPath, "listenPath", "", "listen path (default: the template's, else /)")
	fs.StringVar(&opts.UpstreamURL, "upstreamURL", "", "upstream URL (default: servers[0].url)")
	fs.StringVar(&opts.CustomDomain, "customDomain", "", "custom domain")
	fs.StringVar(&opts.APIID, "apiID", "", "the API's id")
	fs.StringVar(&opts.GatewayURL, "gateway", "", "the gateway's URL, put with the listen path first in servers")
	fs.Var(&auth, "authentication", "map the document's security to Tyk authentication, enabled or not")
	fs.Var(&allow, "allowList", "set the allow list of every operation")
	fs.Var(&validate, "validateRequest", "set request validation of operations with parameters or a JSON body")
	fs.Var(&mock, "mockResponse", "set mock responses of operations with an example or a schema")
	tmplPath := fs.String("template", "", "an API template (asset or data) to lay the document over")
	out := formatFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts.Authentication, opts.AllowList, opts.ValidateRequest, opts.MockResponse = auth.v, allow.v, validate.v, mock.v
	in, err := a.readOne(fs)
	if err != nil {
		return err
	}
	doc, err := a.parse(in)
	if err != nil {
		return err
	}
	var api *oas.Document
	if *tmplPath != "" {
		tmpl, err := a.readTemplate(*tmplPath)
		if err != nil {
			return err
		}
		api, err = template.Import(tmpl, doc, opts)
		if err != nil {
			return a.fail(in.name, err)
		}
	} else if api, err = oas.Import(doc, opts); err != nil {
		return a.fail(in.name, err)
	}
	return a.write(api, out)
}

func (a *app) merge(args []string) error {
	fs := a.flags("merge")
	tmplPath := fs.String("template", "", "the API template (asset or data); required")
	out := formatFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *tmplPath == "" {
		return usageError{msg: "merge needs -template"}
	}
	tmpl, err := a.readTemplate(*tmplPath)
	if err != nil {
		return err
	}
	in, err := a.readOne(fs)
	if err != nil {
		return err
	}
	doc, err := a.parse(in)
	if err != nil {
		return err
	}
	merged, err := template.Merge(tmpl, doc)
	if err != nil {
		return a.fail(in.name, err)
	}
	return a.write(merged, out)
}

func (a *app) convert(args []string) error {
	fs := a.flags("convert")
	to := fs.String("to", "", "what to convert to: classic or oas; required")
	out := formatFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	in, err := a.readOne(fs)
	if err != nil {
		return err
	}
	switch *to {
	case "oas":
		classic, err := oas.ParseClassic(in.data)
		if err != nil {
			return a.fail(in.name, err)
		}
		doc, err := oas.FromClassic(classic)
		if err != nil {
			return a.fail(in.name, err)
		}
		return a.write(doc, out)
	case "classic":
		doc, err := a.parse(in)
		if err != nil {
			return err
		}
		classic, err := oas.ToClassic(doc)
		if err != nil {
			return a.fail(in.name, err)
		}
		raw, err := json.Marshal(classic)
		if err != nil {
			return err
		}
		// Through the document tree, so that both formats are written the
		// same way as every other command's output.
		asDoc, err := oas.Parse(raw)
		if err != nil {
			return err
		}
		return a.write(asDoc, out)
	default:
		return usageError{msg: "convert needs -to classic or -to oas"}
	}
}

func (a *app) export(args []string) error {
	fs := a.flags("export")
	mode := fs.String("mode", "public", "public: without x-tyk-api-gateway; full: as it is")
	out := formatFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *mode != "public" && *mode != "full" {
		return usageError{msg: fmt.Sprintf("-mode must be public or full, not %q", *mode)}
	}
	in, err := a.readOne(fs)
	if err != nil {
		return err
	}
	doc, err := a.parse(in)
	if err != nil {
		return err
	}
	if *mode == "public" {
		doc = oas.PublicExport(doc)
	}
	return a.write(doc, out)
}
