package client

import "log/slog"

// LogRequests returns a RequestHook that logs every attempt of every request
// to l: method, path, status, attempt and duration at Debug, and at Warn
// when the request got no answer or an error status. Bodies are not logged,
// since they carry secrets (keys, passwords).
func LogRequests(l *slog.Logger) RequestHook {
	return func(ex Exchange) {
		level := slog.LevelDebug
		if ex.Err != nil || ex.StatusCode >= 400 {
			level = slog.LevelWarn
		}
		// The request is always set: a hook runs only once one was built.
		ctx := ex.Request.Context()
		attrs := []slog.Attr{
			slog.String("method", ex.Request.Method),
			slog.String("path", ex.Request.URL.Path),
			slog.Int("status", ex.StatusCode),
			slog.Int("attempt", ex.Attempt),
			slog.Duration("duration", ex.Duration),
		}
		if ex.Err != nil {
			attrs = append(attrs, slog.String("error", ex.Err.Error()))
		}
		l.LogAttrs(ctx, level, "dashboard request", attrs...)
	}
}
