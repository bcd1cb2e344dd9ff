package memserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/dashkit/dashkit/model"
	"github.com/dashkit/dashkit/store"
)

// call is one request being answered: the request, the authenticated caller
// and the helpers every handler uses to read its input and answer.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	route *route
	ps    params

	// body is the whole request body, read before the handler runs.
	body []byte

	// user is the authenticated user of an authUser route; orgID its org,
	// empty for a super user who sees every org. admin is set on authAdmin
	// routes.
	user  *model.User
	orgID string
	admin bool
	// node is set on gateway routes once the node secret is checked.
	node bool
	// perms are the user's effective permissions: its own, or its group's.
	perms model.UserPermissions
	// auditBefore is what a GET of the path answered before a PUT ran, for
	// the diff of its audit record.
	auditBefore []byte
	// internal marks a request the Server makes to itself (the audit's
	// look at an object before a PUT): it is neither recorded nor audited.
	internal bool

	written  bool
	fault    bool
	status   int
	respBody []byte
	respType string
	// answer is the buffer answerBuffer took from answers, which send
	// gives back.
	answer *[]byte
}

// PathValue returns the wildcard name of the route's path, unescaped.
func (c *call) PathValue(name string) string {
	for i := 0; i < c.ps.n; i++ {
		if c.ps.kv[i].name == name {
			v := c.ps.kv[i].value
			if strings.IndexByte(v, '%') >= 0 {
				if u, err := url.PathUnescape(v); err == nil {
					return u
				}
			}
			return v
		}
	}
	return ""
}

// query returns the query parameter name.
func (c *call) query(name string) string {
	if c.r.URL.RawQuery == "" {
		return "" // most requests: no map to parse and drop
	}
	return c.r.URL.Query().Get(name)
}

// queryBool reads a boolean query parameter; absent or unparsable is false.
func (c *call) queryBool(name string) bool {
	b, _ := strconv.ParseBool(c.query(name))
	return b
}

// readBody reads the whole body within the Server's limit, answering 413
// when it is larger.
func (c *call) readBody() bool {
	if c.r.Body == nil || c.r.ContentLength == 0 {
		return true
	}
	b, ok, err := readAll(c.r.Body, c.r.ContentLength, c.s.cfg.bodyLimit)
	if err != nil {
		c.fail(http.StatusBadRequest, "could not read the request body: "+err.Error())
		return false
	}
	if !ok {
		c.fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than the limit of %d bytes", c.s.cfg.bodyLimit))
		return false
	}
	c.body = b
	return true
}

// decode decodes the JSON body into v, answering 400 with a message that
// names the problem when it cannot.
func (c *call) decode(v any) bool {
	if len(bytes.TrimSpace(c.body)) == 0 {
		c.fail(http.StatusBadRequest, "request body is empty: a JSON object is required")
		return false
	}
	if isJSONNull(c.body) {
		c.fail(http.StatusBadRequest, msgNullBody)
		return false
	}
	if err := unmarshal(c.body, v); err != nil {
		c.fail(http.StatusBadRequest, decodeError(err))
		return false
	}
	return true
}

// unmarshal is json.Unmarshal(data, v). A v with its own UnmarshalJSON (the
// model's objects) is handed the value directly once data is checked: that
// is all json.Unmarshal does with it, after a second scan of the whole body
// to find where the value ends, and a scanner of its own for the check.
func unmarshal(data []byte, v any) error {
	u, ok := v.(json.Unmarshaler)
	if !ok || !json.Valid(data) {
		return json.Unmarshal(data, v) // the errors are json.Unmarshal's own
	}
	if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return json.Unmarshal(data, v)
	}
	return u.UnmarshalJSON(trimJSONSpace(data))
}

// trimJSONSpace drops the blanks JSON allows around a value.
func trimJSONSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// decodeChecked decodes the body into v, as decode does, and checks it with
// check; a body check refuses is answered 400 with prefix before the
// check's message.
func decodeChecked[T any](c *call, v *T, check func(*T) error, prefix string) bool {
	if !c.decode(v) {
		return false
	}
	if err := check(v); err != nil {
		c.fail(http.StatusBadRequest, prefix+err.Error())
		return false
	}
	return true
}

// msgNullBody answers a body that is the JSON null: encoding/json takes
// null into a struct as "no change", which would make {} of it and, on a
// PUT, empty the object.
const msgNullBody = "request body is null: a JSON object is required"

// isJSONNull reports whether b is the JSON literal null, blanks around it
// ignored.
func isJSONNull(b []byte) bool {
	return string(bytes.TrimSpace(b)) == "null"
}

// decodeError words a JSON decoding error for the client.
func decodeError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON body at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return fmt.Sprintf("wrong type in JSON body: expected %s, got %s", typ.Type, typ.Value)
		}
		return fmt.Sprintf("wrong type for field %q in JSON body: expected %s, got %s", field, typ.Type, typ.Value)
	}
	return "invalid JSON body: " + err.Error()
}

// json answers v encoded as JSON.
func (c *call) json(status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.fail(http.StatusInternalServerError, "encode the answer: "+err.Error())
		return
	}
	c.raw(status, "application/json", b)
}

// raw answers b as it is. b must not change afterwards: the request log
// keeps it. The answer is only kept here; send writes it once the exchange
// is recorded.
func (c *call) raw(status int, contentType string, b []byte) {
	if c.written {
		return
	}
	c.written = true
	c.status, c.respBody, c.respType = status, b, contentType
}

// send writes the answer to the connection. The Server calls it after it
// has recorded and audited the exchange, so that a client holding its
// answer finds the exchange in Requests and in the audit log: written
// earlier, an answer larger than the connection's buffer reaches the client
// before the journal has it.
func (c *call) send() {
	if !c.written {
		return // a handler panicked: net/http ends the connection
	}
	h := c.w.Header()
	// One array for both values; each slice is capped at its own value,
	// so that adding to one header cannot overwrite the other.
	v := make([]string, 2)
	v[0], v[1] = c.respType, strconv.Itoa(len(c.respBody))
	h["Content-Type"], h["Content-Length"] = v[0:1:1], v[1:2:2]
	c.w.WriteHeader(c.status)
	_, _ = c.w.Write(c.respBody)
	if c.answer != nil {
		// Written (a Writer keeps nothing it is given), and neither the
		// journal nor an observer has it: see answerBuffer.
		if cap(*c.answer) <= maxPooledAnswer {
			answers.Put(c.answer)
		}
		c.answer = nil
	}
}

// answers are buffers for the answers nobody keeps once they are written:
// on a Server with neither the journal nor an observer, which keep the
// answers they are shown, an answer is only written to the connection.
var answers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledAnswer bounds the buffers answers keeps: a rare large answer
// would otherwise hold its memory for every later one.
const maxPooledAnswer = 64 << 10

// answerBuffer returns an empty buffer of at least n bytes for an answer
// that c.raw is then given: one of answers when nothing keeps the answer
// past send, which gives it back, else a new one.
func (c *call) answerBuffer(n int) []byte {
	if c.internal || c.answer != nil || c.s.reqlog.size > 0 || c.s.cfg.observer != nil {
		return make([]byte, 0, n)
	}
	p := answers.Get().(*[]byte)
	if cap(*p) < n {
		*p = make([]byte, 0, n)
	}
	c.answer = p
	return (*p)[:0]
}

// ok answers 200 with the action envelope.
func (c *call) ok(msg string, meta any) {
	c.json(http.StatusOK, model.APIResponse{Status: model.StatusOK, Message: msg, Meta: meta})
}

// fail answers status with the error envelope.
func (c *call) fail(status int, msg string) {
	c.json(status, model.ErrorResponse(msg))
}

// storeFailed answers a store error and reports whether there was one: a
// missing object is notFound with notFoundMsg (the status differs per route
// on the real Dashboard), a conflict 409, an invalid object 400.
func (c *call) storeFailed(err error, notFound int, notFoundMsg string) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, errAnswered):
	case errors.Is(err, store.ErrNotFound):
		c.fail(notFound, notFoundMsg)
	case errors.Is(err, store.ErrConflict):
		c.fail(http.StatusConflict, err.Error())
	case errors.Is(err, store.ErrInvalid):
		c.fail(http.StatusBadRequest, err.Error())
	default:
		c.fail(http.StatusInternalServerError, err.Error())
	}
	return true
}

// errAnswered is returned from inside a transaction by a handler that has
// already answered (with c.fail) so that the transaction is rolled back and
// storeFailed stays silent.
var errAnswered = errors.New("answered")

// failTx answers status and msg and returns errAnswered, for use inside a
// transaction: the transaction aborts and nothing is stored.
func (c *call) failTx(status int, msg string) error {
	c.fail(status, msg)
	return errAnswered
}

// view runs fn in a read transaction of the definitions.
func (c *call) view(fn func(tx store.DefinitionsReader) error) error {
	return c.s.store.ViewDefinitions(c.r.Context(), fn)
}

// update runs fn in a write transaction of the definitions.
func (c *call) update(fn func(tx store.DefinitionsTx) error) error {
	return c.s.store.UpdateDefinitions(c.r.Context(), fn)
}

// viewSessions runs fn in a read transaction of the keys.
func (c *call) viewSessions(fn func(tx store.SessionsReader) error) error {
	return c.s.store.ViewSessions(c.r.Context(), fn)
}

// updateSessions runs fn in a write transaction of the keys.
func (c *call) updateSessions(fn func(tx store.SessionsTx) error) error {
	return c.s.store.UpdateSessions(c.r.Context(), fn)
}

// ownsOrg reports whether the caller may see an object of org: its own org,
// or any for a super user and the Admin API.
func (c *call) ownsOrg(org string) bool {
	return c.admin || c.orgID == "" || c.orgID == org
}

// orgFor is the org a new object of the caller belongs to: the caller's own,
// or for a super user the org the body names, else the default org.
func (c *call) orgFor(bodyOrg string) string {
	if c.orgID != "" {
		return c.orgID
	}
	if bodyOrg != "" {
		return bodyOrg
	}
	return c.s.OrgID
}

// listOptions reads the pagination, search and sort query parameters, and
// answers 400 when p is not a number.
func (c *call) listOptions() (store.ListOptions, bool) {
	q := c.r.URL.Query()
	opts := store.ListOptions{Page: 1, PageSize: c.s.cfg.pageSize, Query: q.Get("q")}
	if p := q.Get("p"); p != "" {
		n, err := pageNumber(p)
		if err != nil {
			c.fail(http.StatusBadRequest, err.Error())
			return opts, false
		}
		opts.Page = n
	}
	opts.Sort = sortField(q.Get("sort"))
	return opts, true
}

// maxPage is the largest page number a list accepts. The official
// description types p as an integer without a bound; with pages of at most
// maxPage items (WithPageSize is capped alike) page*size stays far inside
// an int, and a number beyond it is a client's bug, not a page.
const maxPage = 1<<31 - 1

// pageNumber reads the query parameter p: a page from 1, or 0 and below
// for every item in one page, as the store reads ListOptions.Page. It is
// the one rule every list follows; ServeHTTP applies it to every request
// that carries p, so that no list silently takes an out-of-range page as
// page 1.
func pageNumber(p string) (int, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("query parameter p is out of range: a page number is at most %d, got %q", maxPage, p)
		}
		return 0, fmt.Errorf("query parameter p must be a page number, got %q", p)
	}
	if n > maxPage || n < -maxPage {
		return 0, fmt.Errorf("query parameter p is out of range: a page number is at most %d, got %q", maxPage, p)
	}
	return int(n), nil
}

// sortField maps the Dashboard's sort parameter to the store's.
func sortField(s string) string {
	desc := strings.HasPrefix(s, "-")
	f := strings.TrimPrefix(s, "-")
	switch f {
	case "created_at", "date_created":
		f = "created"
	case "updated_at", "last_updated":
		f = "updated"
	case "name", "api_id", "created", "updated":
	default:
		return ""
	}
	if desc {
		return "-" + f
	}
	return f
}

// nowString is the Server's time as the RFC 3339 string objects carry.
func (c *call) nowString() string { return c.s.now().UTC().Format(rfc3339Milli) }

const rfc3339Milli = "2006-01-02T15:04:05.000Z07:00"
