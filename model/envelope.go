package model

// Status values of the Dashboard's action envelope.
const (
	StatusOK    = "OK"
	StatusError = "Error"
	// StatusSuccess is what the asset routes say instead of "OK".
	StatusSuccess = "success"
)

// APIResponse is the Dashboard's action result and error envelope
// (schemas ApiResponse and ApiError): {"Status","Message","Meta"} and, on some
// creates, "ID". Meta is null on errors; on creates it usually holds the new
// database id.
type APIResponse struct {
	Status  string `json:"Status"`
	Message string `json:"Message"`
	Meta    any    `json:"Meta"`
	ID      string `json:"ID,omitempty"`

	Extra Extra `json:"-"`
}

// ErrorResponse returns the error envelope with msg.
func ErrorResponse(msg string) APIResponse {
	return APIResponse{Status: StatusError, Message: msg}
}

// Messages the Dashboard answers with; clients match some of them verbatim.
const (
	MsgNotAuthorised      = "Not authorised"
	MsgAPICreated         = "API created"
	MsgAPIUpdated         = "API updated"
	MsgAPIDeleted         = "API deleted"
	MsgDuplicateAPIID     = "Found API with the same ID."
	MsgOASNotFound        = "Could not retrieve Api detail"
	MsgImportHasExtension = "The import payload should not contain x-tyk-api-gateway."
)

// ReloadResponse is the answer of GET /admin/system/reload
// (Admin API schema ReloadResponse): {"status":"ok"}.
type ReloadResponse struct {
	Status string `json:"status"`

	Extra Extra `json:"-"`
}

// StatusMessage is the lower-case status envelope some routes answer with
// (schema ApiStatusMessage): {"status","message"}.
type StatusMessage struct {
	Status  string `json:"status"`
	Message string `json:"message"`

	Extra Extra `json:"-"`
}
