package model

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"strings"
	"time"
)

// The rules of a certificate upload are the gateway's (certs package,
// GetCertIDAndChainPEM), which the Dashboard calls: PEM blocks are read in
// order; CERTIFICATE blocks form the chain (each must parse and must not be
// expired), one *PRIVATE KEY block at most, and it must match the first
// certificate; a PUBLIC KEY block alone is a public key for pinning, and may
// not be combined with certificates. The id is the hex SHA-256 of the first
// certificate's DER (of the public key's DER for a public key), which the
// caller prefixes with the org id.

// Errors of ParseCertificateUpload, worded as the gateway words them.
var (
	ErrCertificateNotPEM       = errors.New("Failed to decode certificate. It should be PEM encoded.")
	ErrCertificateExpired      = errors.New("certificate is expired")
	ErrCertificateKeys         = errors.New("Found multiple private keys")
	ErrCertificatePublicMixed  = errors.New("Public keys can't be combined with certificates")
	ErrCertificateKeyMismatch  = errors.New("tls: private key does not match public key")
	ErrCertificateUnparsedKey  = errors.New("tls: failed to parse private key")
	ErrCertificateUnparsedCert = errors.New("Error while parsing certificate")
)

// CertificateUpload is a certificate upload once read: the fingerprint the
// id is made of, and the PEM to store (the chain, then the private key).
type CertificateUpload struct {
	Fingerprint string
	PEM         string
}

// ParseCertificateUpload reads an uploaded PEM file as the gateway does;
// now decides what is expired.
func ParseCertificateUpload(data []byte, now time.Time) (*CertificateUpload, error) {
	var chain [][]byte
	var keyBlock, pubBlock *pem.Block
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch {
		case strings.HasSuffix(block.Type, "PRIVATE KEY"):
			if keyBlock != nil {
				return nil, ErrCertificateKeys
			}
			keyBlock = block
		case block.Type == "CERTIFICATE":
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, errors.Join(ErrCertificateUnparsedCert, err)
			}
			if cert.NotAfter.Before(now) {
				return nil, ErrCertificateExpired
			}
			chain = append(chain, pem.EncodeToMemory(block))
		case block.Type == "PUBLIC KEY":
			pubBlock = block
		}
	}
	switch {
	case len(chain) == 0 && pubBlock == nil:
		return nil, ErrCertificateNotPEM
	case len(chain) > 0 && pubBlock != nil:
		return nil, ErrCertificatePublicMixed
	case len(chain) == 0:
		if _, err := x509.ParsePKIXPublicKey(pubBlock.Bytes); err != nil {
			return nil, errors.Join(ErrCertificateNotPEM, err)
		}
		return &CertificateUpload{Fingerprint: hexSHA256(pubBlock.Bytes), PEM: string(pem.EncodeToMemory(pubBlock))}, nil
	}
	out := bytes.Join(chain, []byte("\n"))
	first, _ := pem.Decode(out)
	if keyBlock != nil {
		keyPEM := pem.EncodeToMemory(keyBlock)
		if _, err := tls.X509KeyPair(out, keyPEM); err != nil {
			if strings.Contains(err.Error(), "does not match") {
				return nil, ErrCertificateKeyMismatch
			}
			return nil, errors.Join(ErrCertificateUnparsedKey, err)
		}
		out = append(append(out, '\n'), keyPEM...)
	}
	return &CertificateUpload{Fingerprint: hexSHA256(first.Bytes), PEM: string(out)}, nil
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CertificateMetaOf describes a stored certificate (a PEM that
// ParseCertificateUpload wrote) under its id, reading everything from the
// certificate itself. A public key is described as the gateway lists one:
// subject "Public Key: <fingerprint>", nothing else.
func CertificateMetaOf(id, stored string) (*CertificateMeta, error) {
	var leaf *x509.Certificate
	var pub []byte
	hasKey := false
	rest := []byte(stored)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch {
		case block.Type == "CERTIFICATE" && leaf == nil:
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, errors.Join(ErrCertificateUnparsedCert, err)
			}
			leaf = c
		case block.Type == "PUBLIC KEY":
			pub = block.Bytes
		case strings.HasSuffix(block.Type, "PRIVATE KEY"):
			hasKey = true
		}
	}
	if leaf == nil {
		if pub == nil {
			return nil, ErrCertificateNotPEM
		}
		fp := hexSHA256(pub)
		return &CertificateMeta{ID: id, Fingerprint: fp, Subject: PkixName{CommonName: "Public Key: " + fp}, DNSNames: []string{}}, nil
	}
	dns := leaf.DNSNames
	if dns == nil {
		dns = []string{}
	}
	return &CertificateMeta{
		ID:            id,
		Fingerprint:   hexSHA256(leaf.Raw),
		HasPrivateKey: hasKey,
		IsCA:          leaf.IsCA,
		Issuer:        pkixName(leaf.Issuer),
		Subject:       pkixName(leaf.Subject),
		NotBefore:     leaf.NotBefore.UTC(),
		NotAfter:      leaf.NotAfter.UTC(),
		DNSNames:      dns,
	}, nil
}

// Basics is the short form of m.
func (m *CertificateMeta) Basics() CertificateBasics {
	return CertificateBasics{
		ID: m.ID, IssuerCN: m.Issuer.CommonName, SubjectCN: m.Subject.CommonName, DNSNames: m.DNSNames,
		HasPrivateKey: m.HasPrivateKey, IsCA: m.IsCA, NotBefore: m.NotBefore, NotAfter: m.NotAfter,
	}
}

// pkixName converts a name as encoding/json writes Go's pkix.Name, which is
// what the Dashboard answers.
func pkixName(n pkix.Name) PkixName {
	var out PkixName
	b, err := json.Marshal(n)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return PkixName{CommonName: n.CommonName}
	}
	return out
}
