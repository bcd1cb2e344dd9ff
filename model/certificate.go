package model

import (
	"sort"
	"strings"
	"time"
)

// How an API uses a certificate (schema CertUsageType).
const (
	// CertUsageClient: a client certificate the API accepts (mutual TLS
	// authentication, client_certificates).
	CertUsageClient = "client"
	// CertUsageUpstream: a certificate the gateway presents to, or pins for,
	// the upstream (upstream_certificates, pinned_public_keys,
	// request_signing.certificate_id).
	CertUsageUpstream = "upstream"
	// CertUsageServer: a certificate the gateway serves the API's custom
	// domain with (certificates).
	CertUsageServer = "server"
)

// APICertificateUses returns every certificate id an API names, each with
// the ways it is used (sorted, no repeats). A Tyk OAS API is stored with its
// classic form in api_definition, so that its x-tyk-api-gateway
// equivalents (server.clientCertificates.allowlist,
// server.customDomain.certificates, upstream.mutualTLS,
// upstream.certificatePinning) are read through the same members.
// Pinned public keys are comma-separated lists of ids, as the gateway reads
// them.
func APICertificateUses(def *APIDefinition) map[string][]string {
	if def == nil {
		return nil
	}
	uses := map[string][]string{}
	add := func(id, use string) {
		id = strings.TrimSpace(id)
		if id == "" {
			return
		}
		for _, u := range uses[id] {
			if u == use {
				return
			}
		}
		uses[id] = append(uses[id], use)
	}
	for _, id := range def.ClientCertificates {
		add(id, CertUsageClient)
	}
	for _, id := range def.Certificates {
		add(id, CertUsageServer)
	}
	for _, id := range def.UpstreamCertificates {
		add(id, CertUsageUpstream)
	}
	for _, ids := range def.PinnedPublicKeys {
		for _, id := range strings.Split(ids, ",") {
			add(id, CertUsageUpstream)
		}
	}
	add(def.RequestSigning.CertificateID, CertUsageUpstream)
	for id := range uses {
		sort.Strings(uses[id])
	}
	return uses
}

// CertificateBasics is the short form of a certificate, what GET /api/certs
// lists with mode=detailed (schema CertsCertificateBasics).
type CertificateBasics struct {
	ID            string    `json:"id"`
	IssuerCN      string    `json:"issuer_cn"`
	SubjectCN     string    `json:"subject_cn"`
	DNSNames      []string  `json:"dns_names"`
	HasPrivateKey bool      `json:"has_private"`
	IsCA          bool      `json:"is_ca"`
	NotBefore     time.Time `json:"not_before"`
	NotAfter      time.Time `json:"not_after"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// PkixName is a certificate's subject or issuer as Go's crypto/x509/pkix
// writes it (schema PkixName).
type PkixName struct {
	Country            []string              `json:"Country"`
	Organization       []string              `json:"Organization"`
	OrganizationalUnit []string              `json:"OrganizationalUnit"`
	Locality           []string              `json:"Locality"`
	Province           []string              `json:"Province"`
	StreetAddress      []string              `json:"StreetAddress"`
	PostalCode         []string              `json:"PostalCode"`
	SerialNumber       string                `json:"SerialNumber"`
	CommonName         string                `json:"CommonName"`
	Names              []AttributeTypeAndVal `json:"Names"`
	ExtraNames         []AttributeTypeAndVal `json:"ExtraNames"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// AttributeTypeAndVal is one attribute of a PkixName: an object identifier
// and its value.
type AttributeTypeAndVal struct {
	Type  []int64 `json:"Type"`
	Value any     `json:"Value"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateMeta is the full description of a certificate, read from the
// certificate itself (schema CertsCertificateMeta).
type CertificateMeta struct {
	ID            string    `json:"id"`
	Fingerprint   string    `json:"fingerprint"`
	HasPrivateKey bool      `json:"has_private"`
	IsCA          bool      `json:"is_ca"`
	Issuer        PkixName  `json:"issuer"`
	Subject       PkixName  `json:"subject"`
	NotBefore     time.Time `json:"not_before"`
	NotAfter      time.Time `json:"not_after"`
	DNSNames      []string  `json:"dns_names"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateList is GET /api/certs without a mode: the ids of a page
// (schema CertificateList).
type CertificateList struct {
	Certs []string `json:"certs"`
	Pages int64    `json:"pages"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateBasicsList is GET /api/certs?mode=detailed (schema
// CertificateBasics).
type CertificateBasicsList struct {
	CertBasics []CertificateBasics `json:"cert_basics"`
	Pages      int64               `json:"pages"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateDetailedList is GET /api/certs/details (schema
// CertificateDetailedList).
type CertificateDetailedList struct {
	Certificates []CertificateMeta `json:"certificates"`
	Pages        int64             `json:"pages"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateStatusMessage answers an upload (schema
// APICertificateStatusMessage).
type CertificateStatusMessage struct {
	ID      string `json:"id"`
	Message string `json:"message"`
	Status  string `json:"status"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// APIUsageSummary is one API that uses a certificate (schema
// APIUsageSummary).
type APIUsageSummary struct {
	APIID      string   `json:"api_id"`
	Name       string   `json:"name"`
	UsageType  []string `json:"usage_type"`
	TykAPIType string   `json:"tyk_api_type"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// APIsUsingCertificate is GET /api/certs/{certId}/apis (schema
// APIsUsingCertificate).
type APIsUsingCertificate struct {
	CertID string            `json:"cert_id"`
	APIs   []APIUsageSummary `json:"apis"`
	Pages  int64             `json:"pages"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}

// CertificateDependencies is GET /api/certs/dependencies/{certId}: the APIs
// that use a certificate as a client or an upstream certificate (schema
// CertificateDependencies).
type CertificateDependencies struct {
	CertID               string   `json:"certID"`
	ClientCertAPIs       []string `json:"client_cert_apis"`
	ClientCertAPINames   []string `json:"client_cert_api_names"`
	UpstreamCertAPIs     []string `json:"upstream_cert_apis"`
	UpstreamCertAPINames []string `json:"upstream_cert_api_names"`
	KeyCert              string   `json:"key_cert,omitempty"`

	// Extra keeps members this type does not know.
	Extra Extra `json:"-"`
}
