package memserver

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/oas"
)

// The example catalogue: API definitions to start from (GET /api/examples,
// GET /api/examples/{location}). A real Dashboard fetches the index file
// (repository.json) named by the x-tyk-examples-index header, and the
// examples from the repository of x-tyk-repo-url, by default Tyk's
// tyk-examples repository. The memserver reaches no network: it serves a
// catalogue of its own, embedded from examplecatalogue/, laid out as that
// repository is (an index of examples grouped by category, each with
// location, name, description, features and minTykVersion; a directory per
// location holding a readme.md and the definition). It answers for the
// default index and repository (or none given); any other is a fetch that
// fails, as it would for a Dashboard that cannot reach it.
//
// Both routes are in section apis: the description lists them under its
// APIs tag and no source names another section.
func exampleRoutes() []route {
	return []route{
		{Method: "GET", Path: "/api/examples", Section: "apis", Handle: listExamples},
		{Method: "GET", Path: "/api/examples/{location}", Section: "apis", Handle: getExample},
	}
}

// The headers that name where examples come from, their defaults (the
// description's) and the description's messages.
const (
	headerExamplesIndex  = "x-tyk-examples-index"
	headerExamplesRepo   = "x-tyk-repo-url"
	defaultExamplesIndex = "https://raw.githubusercontent.com/TykTechnologies/tyk-examples/main/repository.json"
	defaultExamplesRepo  = "https://github.com/TykTechnologies/tyk-examples.git"

	msgExamplesBadIndex     = "Invalid examples index file or root path."
	msgExamplesIndexFailed  = "Failed to fetch examples index file."
	msgExampleFetchFailed   = "Failed to fetch example API definitions."
	msgExampleNotFound      = "Example API definition not found."
	msgExampleBadParameters = "Invalid parameters."
)

//go:embed examplecatalogue
var exampleFiles embed.FS

// exampleIndexFile is the catalogue's index, in the shape of tyk-examples'
// repository.json.
type exampleIndexFile struct {
	Examples map[string][]exampleIndexEntry `json:"examples"`
}

type exampleIndexEntry struct {
	Location      string   `json:"location"`
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Features      []string `json:"features"`
	MinTykVersion string   `json:"minTykVersion"`
}

// example is one example of the catalogue, read and checked once.
type example struct {
	meta   exampleIndexEntry
	readme string
	// Exactly one of classic and oasDoc is set.
	classic *model.APIDefinition
	oasDoc  json.RawMessage
}

// exampleCatalogue is the embedded catalogue in its order (by category, then
// as the index lists them), or why it is broken.
var exampleCatalogue = sync.OnceValues(func() ([]example, error) { return loadExamples(exampleFiles, "examplecatalogue") })

// loadExamples reads the catalogue under root of fsys: its index, and for
// each entry the readme and one definition, a Tyk OAS document (oas.json)
// valid as the OAS routes require, or a classic one (apidef.json) valid as
// the API routes require.
func loadExamples(fsys fs.FS, root string) ([]example, error) {
	b, err := fs.ReadFile(fsys, path.Join(root, "repository.json"))
	if err != nil {
		return nil, fmt.Errorf("example index: %w", err)
	}
	var idx exampleIndexFile
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("example index: %w", err)
	}
	categories := make([]string, 0, len(idx.Examples))
	for c := range idx.Examples {
		categories = append(categories, c)
	}
	sort.Strings(categories)
	var out []example
	seen := map[string]bool{}
	for _, cat := range categories {
		for i, e := range idx.Examples[cat] {
			where := fmt.Sprintf("example index: examples.%s[%d]", cat, i)
			if !validExampleLocation(e.Location) || !strings.HasPrefix(e.Location, cat+"/") {
				return nil, fmt.Errorf("%s: location %q is not <%s>/<name>", where, e.Location, cat)
			}
			if seen[e.Location] {
				return nil, fmt.Errorf("%s: location %q listed twice", where, e.Location)
			}
			seen[e.Location] = true
			if e.Name == "" || e.Description == "" || e.MinTykVersion == "" || len(e.Features) == 0 {
				return nil, fmt.Errorf("%s (%s): name, description, features and minTykVersion are required", where, e.Location)
			}
			ex, err := loadExample(fsys, path.Join(root, e.Location))
			if err != nil {
				return nil, fmt.Errorf("example %s: %w", e.Location, err)
			}
			ex.meta = e
			out = append(out, ex)
		}
	}
	return out, nil
}

func loadExample(fsys fs.FS, dir string) (example, error) {
	var ex example
	readme, err := fs.ReadFile(fsys, path.Join(dir, "readme.md"))
	if err != nil {
		return ex, err
	}
	ex.readme = string(readme)
	oasData, oasErr := fs.ReadFile(fsys, path.Join(dir, "oas.json"))
	classicData, classicErr := fs.ReadFile(fsys, path.Join(dir, "apidef.json"))
	switch {
	case oasErr == nil && classicErr == nil:
		return ex, errors.New("both oas.json and apidef.json: an example has one definition")
	case oasErr == nil:
		doc, err := oas.Parse(oasData)
		if err != nil {
			return ex, fmt.Errorf("oas.json: %w", err)
		}
		if err := oas.Validate(doc); err != nil {
			return ex, fmt.Errorf("oas.json: %w", err)
		}
		ex.oasDoc = oasData
	case classicErr == nil:
		var def model.APIDefinition
		if err := json.Unmarshal(classicData, &def); err != nil {
			return ex, fmt.Errorf("apidef.json: %w", err)
		}
		if err := def.Validate(); err != nil {
			return ex, fmt.Errorf("apidef.json: %w", err)
		}
		ex.classic = &def
	default:
		return ex, errors.New("no definition: oas.json or apidef.json")
	}
	return ex, nil
}

// validExampleLocation reports whether loc is a location of the catalogue's
// shape: two or more clean path segments, such as "oas/httpbin-keyless".
func validExampleLocation(loc string) bool {
	if loc == "" || strings.HasPrefix(loc, "/") || path.Clean(loc) != loc || !strings.Contains(loc, "/") {
		return false
	}
	for _, seg := range strings.Split(loc, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// examplesSource checks a header that names where examples come from:
// absent or the default is the embedded catalogue (ok). Anything else is an
// error answered at once: 400 when it is not an absolute http(s) URL,
// otherwise fetchFailed, as the memserver fetches nothing.
func (c *call) examplesSource(header, def, badMsg, fetchFailed string) bool {
	v := strings.TrimSpace(c.r.Header.Get(header))
	if v == "" || v == def {
		return true
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.fail(http.StatusBadRequest, fmt.Sprintf("%s %s %q is not an absolute http(s) URL", badMsg, header, v))
		return false
	}
	c.fail(http.StatusInternalServerError, fmt.Sprintf("%s %s %q: this server serves only its own catalogue, for the default %s (or none), and fetches nothing",
		fetchFailed, header, v, header))
	return false
}

func listExamples(c *call) {
	if !c.examplesSource(headerExamplesIndex, defaultExamplesIndex, msgExamplesBadIndex, msgExamplesIndexFailed) {
		return
	}
	exs, err := exampleCatalogue()
	if err != nil {
		c.fail(http.StatusInternalServerError, msgExamplesIndexFailed+" "+err.Error())
		return
	}
	out := make([]model.ExampleAPIMetadata, len(exs))
	for i, ex := range exs {
		out[i] = model.ExampleAPIMetadata{Location: ex.meta.Location, Name: ex.meta.Name, ShortDescription: ex.meta.Description}
	}
	c.json(http.StatusOK, out)
}

// getExample answers one example; readme=true adds its readme, apiDef=true
// its definition (api_definition for a classic one, oas for Tyk OAS).
func getExample(c *call) {
	if !c.examplesSource(headerExamplesIndex, defaultExamplesIndex, msgExamplesBadIndex, msgExampleFetchFailed) ||
		!c.examplesSource(headerExamplesRepo, defaultExamplesRepo, msgExampleBadParameters, msgExampleFetchFailed) {
		return
	}
	var flags [2]bool
	for i, name := range []string{"readme", "apiDef"} {
		v := c.query(name)
		if v == "" {
			continue
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			c.fail(http.StatusBadRequest, fmt.Sprintf("%s query parameter %s must be true or false, got %q", msgExampleBadParameters, name, v))
			return
		}
		flags[i] = b
	}
	loc := c.PathValue("location")
	if !validExampleLocation(loc) {
		c.fail(http.StatusBadRequest, fmt.Sprintf("%s location %q is not <category>/<name> (escape the / as %%2F)", msgExampleBadParameters, loc))
		return
	}
	exs, err := exampleCatalogue()
	if err != nil {
		c.fail(http.StatusInternalServerError, msgExampleFetchFailed+" "+err.Error())
		return
	}
	for _, ex := range exs {
		if ex.meta.Location != loc {
			continue
		}
		out := model.DetailedExampleAPIMetadata{Location: ex.meta.Location, Name: ex.meta.Name, Description: ex.meta.Description,
			Features: ex.meta.Features, MinVersion: ex.meta.MinTykVersion}
		if flags[0] {
			out.Readme = ex.readme
		}
		if flags[1] {
			out.APIDefinition, out.OAS = ex.classic, ex.oasDoc
		}
		c.json(http.StatusOK, &out)
		return
	}
	c.fail(http.StatusNotFound, msgExampleNotFound)
}
