package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/dashkit/dashkit/model"
)

// Sentinel errors to test an error against with errors.Is. An *APIError
// matches the one its status code (and, for the Dashboard's 400-for-not-found
// answers, its message) stands for.
var (
	// ErrNotFound: the object does not exist (404, or one of the 400
	// answers with which some routes say so, see model.IsNotFound).
	ErrNotFound = errors.New("not found")
	// ErrUnauthorized: no secret, or one the Dashboard does not know (401).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: the user lacks the permission for the route (403).
	ErrForbidden = errors.New("forbidden")
	// ErrConflict: the object exists already (409).
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the Dashboard refused the input (400, 413, 422), or the
	// client did before sending it (an empty id, say).
	ErrInvalid = errors.New("invalid input")
	// ErrNotJSON: the answer was not the JSON the route promises (an HTML
	// error page from a proxy, say).
	ErrNotJSON = errors.New("response is not JSON")
)

// bodyStart is how much of an unexpected body an error message quotes.
const bodyStart = 200

// APIError is an answer of the Dashboard outside 2xx. StatusCode is the
// HTTP status; Status, Message and Meta come from the Dashboard's error
// envelope {"Status":"Error","Message":...,"Meta":...}.
type APIError struct {
	// Method and Path name the request.
	Method string
	Path   string
	// StatusCode is the HTTP status code, e.g. 404.
	StatusCode int
	// Status is the envelope's Status, usually "Error"; empty when the body
	// was not an envelope.
	Status string
	// Message is the envelope's Message, e.g. "Could not retrieve key detail.".
	Message string
	// Meta is the envelope's Meta, usually nil.
	Meta any
	// Body is the raw answer; Error quotes its start when it was not the
	// envelope.
	Body []byte
	// RetryAfter is the Retry-After header, when the server sent one.
	RetryAfter string
}

func newAPIError(req *request, resp *response) *APIError {
	e := &APIError{Method: req.method, Path: req.path, StatusCode: resp.StatusCode, Body: resp.Body,
		RetryAfter: resp.Header.Get("Retry-After")}
	var env struct {
		Status  string `json:"Status"`
		Message string `json:"Message"`
		Meta    any    `json:"Meta"`
		// Some routes (the Admin API, the memserver's control routes) spell
		// the envelope in lower case.
		LStatus  string `json:"status"`
		LMessage string `json:"message"`
	}
	if json.Unmarshal(resp.Body, &env) == nil {
		e.Status, e.Message, e.Meta = env.Status, env.Message, env.Meta
		if e.Status == "" {
			e.Status = env.LStatus
		}
		if e.Message == "" {
			e.Message = env.LMessage
		}
	}
	return e
}

// Error says what was asked, what the Dashboard answered and, when the
// answer was not its envelope, how the body starts.
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	switch {
	case e.Message != "":
		return s + ": " + e.Message
	case !json.Valid(e.Body):
		return s + fmt.Sprintf(": response is not JSON: %q", quoteStart(e.Body))
	case len(e.Body) > 0:
		return s + ": " + quoteStart(e.Body)
	}
	return s
}

// Is makes errors.Is(err, ErrNotFound) and the other sentinels work. The
// Dashboard's 400-for-not-found answers are recognised here, once, by
// model.IsNotFound.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return model.IsNotFound(e.StatusCode, e.Message)
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrInvalid:
		switch e.StatusCode {
		case http.StatusBadRequest:
			return !model.IsNotFound(e.StatusCode, e.Message)
		case http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			return true
		}
	case ErrNotJSON:
		return len(e.Body) > 0 && !json.Valid(e.Body)
	}
	return false
}

// ResponseError is a 2xx answer the client could not decode: not JSON, or
// JSON of another shape than the route's.
type ResponseError struct {
	Method      string
	Path        string
	StatusCode  int
	ContentType string
	Body        []byte
	// Err is ErrNotJSON or the decoding error.
	Err error
}

// Error names the request, the status and the start of the body.
func (e *ResponseError) Error() string {
	return fmt.Sprintf("%s %s: %d %s (Content-Type %q): %v: %q", e.Method, e.Path, e.StatusCode,
		http.StatusText(e.StatusCode), e.ContentType, e.Err, quoteStart(e.Body))
}

// Unwrap returns Err.
func (e *ResponseError) Unwrap() error { return e.Err }

// NetworkError is a request that got no answer: the Dashboard could not be
// reached, or the connection broke.
type NetworkError struct {
	Method string
	URL    string
	Err    error
}

// Error says that no answer came, and why.
func (e *NetworkError) Error() string {
	return fmt.Sprintf("%s %s: no response from the Dashboard: %v", e.Method, e.URL, e.Err)
}

// Unwrap returns the transport's error.
func (e *NetworkError) Unwrap() error { return e.Err }

// quoteStart returns the first bodyStart bytes of b, cut at a rune boundary.
func quoteStart(b []byte) string {
	if len(b) <= bodyStart {
		return string(b)
	}
	n := bodyStart
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "..."
}

// errEmpty is the error of a call given an empty identifier: sent, it would
// reach another route (GET /api/apis/ is the list).
func errEmpty(what string) error {
	return fmt.Errorf("client: %s is empty: %w", what, ErrInvalid)
}

// errInvalidf is an ErrInvalid the client found before sending anything.
func errInvalidf(format string, args ...any) error {
	return fmt.Errorf("client: "+format+": %w", append(args, ErrInvalid)...)
}
