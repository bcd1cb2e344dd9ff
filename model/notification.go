package model

import "time"

// Kinds and topics of organisation notifications (schema
// OrganisationNotification).
const (
	NotificationKindCritical = "critical"
	NotificationKindWarning  = "warning"

	NotificationTopicCertificateExpiry = "certificate.expiry"
)

// OrganisationNotification is a notice the Dashboard issued for an
// organisation, such as a certificate that will soon expire: GET
// /api/org/notifications lists them (schema OrganisationNotification).
type OrganisationNotification struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	OrgID     string    `json:"org_id"`
	// Hash identifies what the notification is about (its topic and
	// subject), so that the same notice is not issued twice.
	Hash    string `json:"hash"`
	Kind    string `json:"kind"`
	Topic   string `json:"topic"`
	Title   string `json:"title"`
	Message string `json:"message"`
	// Data is what the topic is about; for certificate.expiry, which
	// certificate and when it expires.
	Data *CertificateExpiryData `json:"data,omitempty"`

	Extra Extra `json:"-"`
}

// CertificateExpiryData is the subject of a certificate.expiry notification
// (schema CertificateExpiryData).
type CertificateExpiryData struct {
	CertID        string `json:"cert_id"`
	ExpiryDate    string `json:"expiry_date"`
	DaysRemaining int64  `json:"days_remaining"`

	Extra Extra `json:"-"`
}
