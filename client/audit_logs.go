package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/dashkit/dashkit/model"
)

// AuditLogsService reads the Dashboard's audit log: one record per request
// to the Dashboard API, with who made it, from where and with what result.
type AuditLogsService struct{ c *Client }

// ListAuditLogsOptions filters and pages the audit log. Empty fields are not
// sent.
type ListAuditLogsOptions struct {
	ListOptions
	// User keeps the records of one user, by email address (user).
	User string
	// Action keeps the records of one action (action).
	Action string
	// IP keeps the records of requests from one address (ip).
	IP string
	// Method keeps the records of one HTTP method (method).
	Method string
	// Status keeps the records of one HTTP status; 0 keeps all (status).
	Status int
	// URL keeps the records whose path contains it (url).
	URL string
	// From and To bound the records' dates; the zero time leaves a side
	// open (from_date, to_date).
	From, To time.Time
}

func (o ListAuditLogsOptions) values() url.Values {
	q := o.ListOptions.values(nil)
	setIf(q, "user", o.User)
	setIf(q, "action", o.Action)
	setIf(q, "ip", o.IP)
	setIf(q, "method", o.Method)
	if o.Status != 0 {
		q.Set("status", strconv.Itoa(o.Status))
	}
	setIf(q, "url", o.URL)
	if !o.From.IsZero() {
		q.Set("from_date", o.From.UTC().Format(time.RFC3339))
	}
	if !o.To.IsZero() {
		q.Set("to_date", o.To.UTC().Format(time.RFC3339))
	}
	return q
}

// List returns one page of the audit log, newest first.
//
// GET /api/audit-logs
func (s *AuditLogsService) List(ctx context.Context, opts ListAuditLogsOptions) (*Page[model.AuditLog], error) {
	var out model.AuditLogListResponse
	if err := s.c.doJSON(ctx, http.MethodGet, "/api/audit-logs", opts.values(), nil, &out); err != nil {
		return nil, err
	}
	return newPage(out.AuditLogs, opts.Page, out.Pages), nil
}

// All iterates over every record List with opts would page through.
func (s *AuditLogsService) All(ctx context.Context, opts ListAuditLogsOptions) iter.Seq2[model.AuditLog, error] {
	return all(ctx, opts.Page, func(ctx context.Context, page int) (*Page[model.AuditLog], error) {
		o := opts
		o.Page = page
		return s.List(ctx, o)
	})
}

// Get returns one record of the audit log.
//
// GET /api/audit-logs/{audit-log-id}
func (s *AuditLogsService) Get(ctx context.Context, id string) (*model.AuditLog, error) {
	if id == "" {
		return nil, errEmpty("audit log id")
	}
	var out model.AuditLog
	if err := s.c.doJSON(ctx, http.MethodGet, route("/api/audit-logs/%s", id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
